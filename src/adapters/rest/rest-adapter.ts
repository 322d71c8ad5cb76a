import {
  SEGMENTS_CHANGED,
  type AudiencePage,
  type AudienceQuery,
  type CallOptions,
  type CountHistoryQuery,
  type CountPoint,
  type CountTarget,
  type CreateOptions,
  type MembersTarget,
  type ListSegmentsQuery,
  type MemberContact,
  type Page,
  type SegmentAdapter,
} from '../../adapter.ts';
import { SegmentError, isSegmentError } from '../../errors.ts';
import type { Customer, Segment, SegmentDraft } from '../../model.ts';
import { checkName, pageSize } from '../../segments/rules.ts';
import { checkIdempotencyKey } from '../../segments/imports.ts';
import { Http, type HttpRequest } from './http.ts';
import {
  toAudiencePage,
  toCount,
  toCustomerPage,
  toHistory,
  toSegment,
  toSegmentPage,
} from './mapping.ts';
import { checkHistoryQuery } from '../../segments/history.ts';
import { checkAudienceQuery } from '../../segments/audience.ts';

export interface RestAdapterOptions {
  /** Where openapi.yaml's paths start, e.g. `https://admin.example.in/api`. */
  baseUrl: string;
  /** Sent with every request (e.g. `Authorization`); a function is asked before each one. */
  headers?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>);
  /** A fetch of the host's (tests, instrumentation); defaults to the global one. */
  fetch?: typeof fetch;
  /** Per attempt; default 15,000 ms. A request that times out fails as `unavailable`. */
  timeoutMs?: number;
  /** How safe requests are retried: attempts (default 3), backoff bounds, jitter source. */
  retry?: {
    /** Attempts for a request that may be retried, the first included; default 3. */
    attempts?: number;
    /** Backoff before retry n is a random delay up to min(maxDelayMs, baseDelayMs × 2ⁿ⁻¹). */
    baseDelayMs?: number;
    maxDelayMs?: number;
    /** Where the jitter comes from (tests pin it); default Math.random. */
    random?: () => number;
  };
  /**
   * The largest answer read, in bytes; default 33,554,432 (32 MiB). A larger answer is cancelled
   * while it arrives, never held whole, and the call fails as `unavailable`.
   */
  maxResponseBytes?: number;
}

/**
 * The host's backend over HTTP, as openapi.yaml describes it. Every answer is
 * checked and mapped to the model; every failure is a SegmentError with the contract's code
 * (network failures and timeouts are `unavailable`). Reads, updates (with If-Match) and member
 * batches (with their Idempotency-Key) are retried on network errors and 502/503/504 with
 * backoff and jitter, and so are creates that carry an idempotency key and finishImport;
 * other creates and duplicates are never retried, since a lost answer does not
 * say whether the server acted. Fires 'segments-changed' after each of its own writes; changes
 * made elsewhere are the host's to announce.
 */
export class RestAdapter extends EventTarget implements SegmentAdapter {
  private readonly http: Http;

  constructor(options: RestAdapterOptions) {
    super();
    const cap = options?.maxResponseBytes;
    if (cap !== undefined && !(Number.isSafeInteger(cap) && cap > 0)) {
      throw new SegmentError('invalid', 'maxResponseBytes is a number of bytes above 0.', {
        issues: [{ path: 'maxResponseBytes', code: 'invalid-number', message: 'Use 1 or more.' }],
      });
    }
    this.http = new Http({ ...options?.retry, ...options });
  }

  async listSegments(q: ListSegmentsQuery, o?: CallOptions): Promise<Page<Segment>> {
    const query = new URLSearchParams({ scope: String(q?.scope) });
    if (q?.search) query.set('search', q.search);
    if (q?.cursor !== undefined) query.set('cursor', q.cursor);
    // Refused here as the other adapters refuse it, whatever the server would have done.
    if (q?.limit !== undefined) query.set('limit', String(pageSize(q.limit, 'segments')));
    return toSegmentPage(await this.read(`/segments?${query}`, o));
  }

  async getSegment(id: string, o?: CallOptions): Promise<Segment> {
    return toSegment(await this.read(`/segments/${segment(id)}`, o));
  }

  async createSegment(draft: SegmentDraft, o?: CreateOptions): Promise<Segment> {
    const key = checkIdempotencyKey(o?.idempotencyKey);
    // With a key the server answers a repeat with the segment it made: safe to send again.
    const body = await this.write(
      {
        method: 'POST',
        path: '/segments',
        body: draft,
        ...(key === undefined
          ? { retry: false }
          : { headers: { 'idempotency-key': key }, retry: true }),
      },
      o,
    );
    return toSegment(body);
  }

  async updateSegment(
    id: string,
    draft: SegmentDraft,
    o: CallOptions & { expectedVersion: number },
  ): Promise<Segment> {
    if (!Number.isInteger(o?.expectedVersion)) {
      throw new SegmentError('invalid', 'updateSegment needs the expectedVersion it edited.', {
        issues: [{ path: 'expectedVersion', code: 'required', message: 'Pass the version.' }],
      });
    }
    const path = `/segments/${segment(id)}`;
    let lost = false;
    try {
      const body = await this.write(
        {
          method: 'PUT',
          path,
          body: draft,
          headers: { 'if-match': `"${o.expectedVersion}"` },
          retry: true,
          onLostAnswer: () => (lost = true),
        },
        o,
      );
      return toSegment(body);
    } catch (error) {
      // The first attempt may have been applied and only its answer lost: the retry then meets
      // our own new version. If the segment is now exactly what was sent, one version on, it is
      // ours: the update succeeded.
      if (!lost || !isSegmentError(error, 'conflict')) throw error;
      const now = toSegment(await this.read(path, o));
      if (!isOwnUpdate(now, draft, o.expectedVersion)) throw error;
      this.dispatchEvent(new Event(SEGMENTS_CHANGED));
      return now;
    }
  }

  async deleteSegment(id: string, o?: CallOptions): Promise<void> {
    // Not retried: had a lost answer hidden a success, the retry would report not-found.
    await this.write({ method: 'DELETE', path: `/segments/${segment(id)}`, retry: false }, o);
  }

  async duplicateSegment(id: string, o?: CallOptions & { name?: string }): Promise<Segment> {
    const body = await this.write(
      {
        method: 'POST',
        path: `/segments/${segment(id)}/duplicate`,
        body: o?.name === undefined ? {} : { name: o.name },
        retry: false,
      },
      o,
    );
    return toSegment(body);
  }

  async countMembers(
    target: CountTarget,
    o?: CallOptions,
  ): Promise<{ count: number; total: number }> {
    // A read whose filter travels in the body: it changes nothing, so it may be retried.
    const response = await this.http.send({
      method: 'POST',
      path: '/member-counts',
      body: target,
      retry: true,
      signal: o?.signal,
    });
    return toCount(response.body);
  }

  async listMembers(
    target: MembersTarget,
    q: { cursor?: string; limit?: number },
    o?: CallOptions,
  ): Promise<Page<Customer>> {
    if (typeof target !== 'string') {
      const body: Record<string, unknown> = { filter: target?.filter };
      if (q?.cursor !== undefined) body.cursor = q.cursor;
      if (q?.limit !== undefined) body.limit = pageSize(q.limit, 'members');
      // A read whose filter travels in the body, like countMembers: it may be retried.
      const response = await this.http.send({
        method: 'POST',
        path: '/member-lists',
        body,
        retry: true,
        signal: o?.signal,
      });
      return toCustomerPage(response.body);
    }
    const segmentId = target;
    const query = new URLSearchParams();
    if (q?.cursor !== undefined) query.set('cursor', q.cursor);
    if (q?.limit !== undefined) query.set('limit', String(pageSize(q.limit, 'members')));
    const search = query.size ? `?${query}` : '';
    return toCustomerPage(await this.read(`/segments/${segment(segmentId)}/members${search}`, o));
  }

  async addMembers(
    segmentId: string,
    batch: MemberContact[],
    o: CallOptions & { batchId: string },
  ): Promise<{ added: number }> {
    if (typeof o?.batchId !== 'string' || !o.batchId) {
      throw new SegmentError('invalid', 'Give every batch of members a batchId.', {
        issues: [{ path: 'batchId', code: 'required', message: 'Pass a batchId.' }],
      });
    }
    const body = await this.write(
      {
        method: 'POST',
        path: `/segments/${segment(segmentId)}/members`,
        body: batch,
        headers: { 'idempotency-key': o.batchId },
        retry: true,
      },
      o,
    );
    const added = (body as { added?: unknown } | undefined)?.added;
    if (!Number.isInteger(added) || (added as number) < 0) throw malformed('addMembers');
    return { added: added as number };
  }

  async resolveAudience(q: AudienceQuery, o?: CallOptions): Promise<AudiencePage> {
    const checked = checkAudienceQuery(q);
    const body: AudienceQuery = {
      include: checked.include,
      exclude: checked.exclude,
      channel: checked.channel,
      consentOnly: checked.consentOnly,
      limit: checked.limit,
    };
    if (checked.cursor !== undefined) body.cursor = checked.cursor;
    // A read whose segment lists travel in the body: it changes nothing, so it may be retried.
    const response = await this.http.send({
      method: 'POST',
      path: '/audiences',
      body,
      retry: true,
      signal: o?.signal,
    });
    return toAudiencePage(response.body);
  }

  async finishImport(segmentId: string, o?: CallOptions): Promise<Segment> {
    // Finishing twice answers the same ready segment: safe to retry.
    const body = await this.write(
      { method: 'POST', path: `/segments/${segment(segmentId)}/finish-import`, retry: true },
      o,
    );
    return toSegment(body);
  }

  async countHistory(
    segmentId: string,
    q: CountHistoryQuery,
    o?: CallOptions,
  ): Promise<CountPoint[]> {
    const days = checkHistoryQuery(q);
    return toHistory(await this.read(`/segments/${segment(segmentId)}/history?days=${days}`, o));
  }

  private async read(path: string, o?: CallOptions): Promise<unknown> {
    return (await this.http.send({ method: 'GET', path, retry: true, signal: o?.signal })).body;
  }

  /**
   * A write, then the change event: the answer is in, so listeners read the new state. A PUT or
   * POST carries an Idempotency-Key (the same on each retry of this call), so a server that
   * keeps them answers a repeated request with its first answer instead of acting twice.
   */
  private async write(request: Omit<HttpRequest, 'signal'>, o?: CallOptions): Promise<unknown> {
    const headers = { ...request.headers };
    if (request.method !== 'DELETE' && !headers['idempotency-key']) {
      headers['idempotency-key'] = idempotencyKey();
    }
    const { body } = await this.http.send({ ...request, headers, signal: o?.signal });
    this.dispatchEvent(new Event(SEGMENTS_CHANGED));
    return body;
  }
}

// ---- helpers ----

/**
 * An id as one path segment. Ids that no URL can carry as one segment are refused before any
 * request: `''`, `.` and `..` (which URL resolution and proxies remove, so that
 * `deleteSegment('..')` would reach `DELETE /`), and any `/` or `\\` (which some proxies decode
 * and split on).
 */
function segment(id: string): string {
  if (typeof id !== 'string' || id === '' || id === '.' || id === '..' || /[/\\]/.test(id)) {
    throw new SegmentError('invalid', 'That is not a segment id.', {
      issues: [{ path: 'id', code: 'invalid-id', message: 'Pass the id of a segment.' }],
    });
  }
  return encodeURIComponent(id);
}

/** Is `segment` what an update of `draft` over `expectedVersion` would have made? */
function isOwnUpdate(segment: Segment, draft: SegmentDraft, expectedVersion: number): boolean {
  return (
    segment.version === expectedVersion + 1 &&
    segment.name === storedName(draft.name) &&
    (draft.filter === undefined || sameJson(segment.filter, draft.filter))
  );
}

/** The name as every backend stores it (the shared rules), or undefined if it is not one. */
function storedName(name: unknown): string | undefined {
  try {
    return checkName(name);
  } catch {
    return undefined;
  }
}

/** Equal as JSON values, whatever the order of object keys. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((k) =>
    sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/**
 * A random key per write. From getRandomValues, which (unlike randomUUID) also exists on pages
 * served over plain HTTP.
 */
function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function malformed(what: string): SegmentError {
  return new SegmentError(
    'unavailable',
    `The server's answer to ${what} is not what the API says.`,
  );
}
