import type { AudienceChannel, AudienceMember, AudienceQuery } from '../adapter.ts';
import { SegmentError } from '../errors.ts';
import { invalidQuery, pageSize } from './rules.ts';

/**
 * The rules of resolveAudience that do not depend on storage, shared by every adapter and the
 * reference backend: which queries are valid, and what one person of an audience carries.
 */

/** The most segments one audience may include, and the most it may exclude. */
export const MAX_AUDIENCE_SEGMENTS = 50;

export const AUDIENCE_CHANNELS: readonly AudienceChannel[] = ['sms', 'email', 'any'];

/** An AudienceQuery with its defaults filled in, or an `invalid` error saying what is wrong. */
export interface CheckedAudienceQuery {
  include: string[];
  exclude: string[];
  channel: AudienceChannel;
  consentOnly: boolean;
  limit: number;
  cursor?: string;
}

export function checkAudienceQuery(q: AudienceQuery): CheckedAudienceQuery {
  if (!q || typeof q !== 'object') {
    throw invalidQuery('', 'Say which segments the audience includes and the channel.');
  }
  const include = segmentIds(q.include, 'include');
  if (!include.length) throw invalidQuery('include', 'Include at least one segment.');
  const exclude = q.exclude === undefined ? [] : segmentIds(q.exclude, 'exclude');
  if (!AUDIENCE_CHANNELS.includes(q.channel)) {
    throw invalidQuery('channel', "Reach the audience by 'sms', 'email' or 'any'.");
  }
  if (q.consentOnly !== undefined && typeof q.consentOnly !== 'boolean') {
    throw invalidQuery('consentOnly', 'consentOnly is true or false.');
  }
  if (q.cursor !== undefined && (typeof q.cursor !== 'string' || !q.cursor)) {
    throw invalidQuery(
      'cursor',
      'This page link is not valid any more; start from the first page.',
    );
  }
  const checked: CheckedAudienceQuery = {
    include: [...new Set(include)],
    exclude: [...new Set(exclude)],
    channel: q.channel,
    consentOnly: q.consentOnly === true,
    limit: pageSize(q.limit, 'members'),
  };
  if (q.cursor !== undefined) checked.cursor = q.cursor;
  return checked;
}

/**
 * Why a person is left out, in the documented order (consent before channel), or undefined
 * when the campaign reaches them.
 */
export function audienceRemoval(
  person: { phone?: string; email?: string; acceptsMarketing?: boolean },
  q: Pick<CheckedAudienceQuery, 'channel' | 'consentOnly'>,
): 'noConsent' | 'noChannel' | undefined {
  if (q.consentOnly && person.acceptsMarketing !== true) return 'noConsent';
  if (!reachable(person, q.channel)) return 'noChannel';
  return undefined;
}

/** The person as an audience lists them: only the contacts the channel uses. */
export function audienceMember(
  person: { customerId?: string; phone?: string; email?: string },
  channel: AudienceChannel,
): AudienceMember {
  const member: AudienceMember = {};
  if (person.customerId !== undefined) member.customerId = person.customerId;
  if (person.phone && channel !== 'email') member.phone = person.phone;
  if (person.email && channel !== 'sms') member.email = person.email;
  return member;
}

// ---- helpers ----

function reachable(person: { phone?: string; email?: string }, channel: AudienceChannel): boolean {
  if (channel === 'sms') return Boolean(person.phone);
  if (channel === 'email') return Boolean(person.email);
  return Boolean(person.phone || person.email);
}

function segmentIds(value: unknown, path: 'include' | 'exclude'): string[] {
  if (!Array.isArray(value) || value.some((id) => typeof id !== 'string' || !id)) {
    throw invalidQuery(path, `${path} is a list of segment ids.`);
  }
  if (value.length > MAX_AUDIENCE_SEGMENTS) {
    throw new SegmentError('invalid', `Use at most ${MAX_AUDIENCE_SEGMENTS} segments in ${path}.`, {
      issues: [{ path, code: 'too-many', message: `At most ${MAX_AUDIENCE_SEGMENTS} segments.` }],
    });
  }
  return value as string[];
}
