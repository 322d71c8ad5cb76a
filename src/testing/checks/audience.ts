import type {
  AudienceChannel,
  AudienceMember,
  AudiencePage,
  SegmentAdapter,
} from '../../adapter.ts';
import type { Customer } from '../../model.ts';
import { csvDraft, filterDraft, segmentNamed } from './common.ts';
import { PREDEFINED_MATCHES, csvContacts, filterCase, kitSeed, kitStore } from './data.ts';
import { ensure, expectEqual, expectRejects, show } from './expect.ts';
import { defineCheck, type AdapterCheck } from './kit.ts';

/**
 * resolveAudience, against an oracle written out here customer by customer: which segments hold
 * a person, then consent, then the channel, in the documented order.
 */
export const audienceChecks: readonly AdapterCheck[] = [
  defineCheck(
    'resolveAudience: the included segments minus the excluded, each person once',
    kitSeed,
    async (adapter) => {
      const mumbai = filterCase('city equals mumbai (any case)');
      const vip = filterCase('tags hasAny vip or wholesale');
      const a = await adapter.createSegment(filterDraft('Mumbai', mumbai.filter));
      const b = await adapter.createSegment(filterDraft('VIP and wholesale', vip.filter));
      const returning = await segmentNamed(adapter, 'store', 'Returning Customers');
      const firstTime = await segmentNamed(adapter, 'store', 'First Time Customers');
      const want = oracle(
        [mumbai.matches, vip.matches, PREDEFINED_MATCHES['First Time Customers']],
        [PREDEFINED_MATCHES['Returning Customers']],
        'any',
        false,
      );
      ensure(want.duplicates > 0, 'the kit store should have people in two included segments');
      const got = await everyone(adapter, {
        include: [a.id, b.id, firstTime.id],
        exclude: [returning.id],
        channel: 'any',
      });
      expectAudience(got, want, 'Mumbai + VIP + First Time, minus Returning');
    },
  ),

  defineCheck(
    'resolveAudience keeps only people the channel reaches and gives only its contact',
    kitSeed,
    async (adapter) => {
      const everyone_ = filterCase('city notEquals mumbai (no city counts)');
      const mumbai = filterCase('city equals mumbai (any case)');
      const a = await adapter.createSegment(filterDraft('Not Mumbai', everyone_.filter));
      const b = await adapter.createSegment(filterDraft('Mumbai', mumbai.filter));
      for (const channel of ['sms', 'email', 'any'] as const) {
        const want = oracle([everyone_.matches, mumbai.matches], [], channel, false);
        if (channel !== 'any') {
          ensure(want.noChannel > 0, `some kit customers should be unreachable by ${channel}`);
        }
        const got = await everyone(adapter, { include: [a.id, b.id], channel });
        expectAudience(got, want, `every customer by ${channel}`);
        for (const item of got.items) {
          ensure(
            channel === 'email' ? item.phone === undefined && Boolean(item.email) : true,
            `by email an item carries only its email: ${show(item)}`,
          );
          ensure(
            channel === 'sms' ? item.email === undefined && Boolean(item.phone) : true,
            `by sms an item carries only its phone: ${show(item)}`,
          );
          ensure(
            channel === 'any' ? Boolean(item.phone || item.email) : true,
            `by any channel an item carries a contact: ${show(item)}`,
          );
        }
      }
    },
  ),

  defineCheck(
    'resolveAudience with consentOnly removes who does not accept marketing, before the channel',
    kitSeed,
    async (adapter) => {
      const gmail = filterCase('email endsWith @gmail.com');
      const noEmail = filterCase('email isEmpty');
      const a = await adapter.createSegment(filterDraft('Gmail', gmail.filter));
      const b = await adapter.createSegment(filterDraft('No email', noEmail.filter));
      const want = oracle([gmail.matches, noEmail.matches], [], 'email', true);
      ensure(want.noConsent > 0 && want.noChannel > 0, 'the case should remove for both reasons');
      const got = await everyone(adapter, {
        include: [a.id, b.id],
        channel: 'email',
        consentOnly: true,
      });
      expectAudience(got, want, 'Gmail + no email, by email, with consent only');
      const truth = new Map(kitStore().derived.map((c) => [c.id, c]));
      for (const item of got.items) {
        ensure(
          truth.get(item.customerId!)?.acceptsMarketing === true,
          `${show(item)} does not accept marketing`,
        );
      }
    },
  ),

  defineCheck(
    'resolveAudience counts CSV contacts once across segments; unknown contacts have no consent',
    kitSeed,
    async (adapter) => {
      const { byPhone, byEmail, unmatched, unmatchedEmail } = csvContacts();
      const first = await adapter.createSegment(csvDraft('Stall, day one', 4));
      await adapter.addMembers(
        first.id,
        [byPhone.contact, byEmail.contact, unmatched[0]!, unmatchedEmail],
        { batchId: 'day-1' },
      );
      const second = await adapter.createSegment(csvDraft('Stall, day two', 3));
      // The same people written another way: the unknown phone and the known email again.
      await adapter.addMembers(
        second.id,
        [unmatched[0]!, { email: byEmail.contact.email.toUpperCase() }, unmatched[1]!],
        { batchId: 'day-2' },
      );
      const optedOut = await adapter.createSegment(csvDraft('Opted out', 1));
      await adapter.addMembers(optedOut.id, [unmatched[1]!], { batchId: 'out' });
      for (const segment of [first, second, optedOut]) await adapter.finishImport(segment.id);

      const got = await everyone(adapter, {
        include: [first.id, second.id],
        exclude: [optedOut.id],
        channel: 'any',
      });
      // day one: 4 people; day two adds the same unknown phone and email owner (2 duplicates)
      // and a phone that is excluded.
      expectEqual(got.total, 4, 'people in two stall lists minus the opted-out');
      expectEqual(got.removed.duplicates, 2, 'duplicates across the two lists');
      expectEqual(got.removed.noConsent, 0, 'no consent asked');
      const ids = new Set(got.items.flatMap((i) => (i.customerId ? [i.customerId] : [])));
      ensure(
        ids.has(byPhone.customerId) && ids.has(byEmail.customerId),
        `matched customers missing: ${show(got.items)}`,
      );
      const unknown = got.items.filter((i) => i.customerId === undefined);
      expectEqual(unknown.length, 2, 'contacts that match no customer');
      ensure(
        unknown.some((i) => i.email === unmatchedEmail.email) &&
          unknown.some((i) => i.phone?.endsWith(unmatched[0]!.phone.replace(/\s/g, ''))),
        `unknown contacts as uploaded (E.164, lower-cased): ${show(unknown)}`,
      );

      const consenting = await everyone(adapter, {
        include: [first.id, second.id],
        exclude: [optedOut.id],
        channel: 'any',
        consentOnly: true,
      });
      const truth = new Map(kitStore().derived.map((c) => [c.id, c]));
      const knownConsenting = [byPhone.customerId, byEmail.customerId].filter(
        (id) => truth.get(id)!.acceptsMarketing === true,
      ).length;
      expectEqual(consenting.total, knownConsenting, 'people left with consent only');
      expectEqual(
        consenting.removed.noConsent,
        4 - knownConsenting,
        'removed for no consent (both unknown contacts among them)',
      );

      const bySms = await everyone(adapter, { include: [first.id], channel: 'sms' });
      const emailOwnerHasPhone = Boolean(truth.get(byEmail.customerId)!.phone);
      expectEqual(
        bySms.removed.noChannel,
        emailOwnerHasPhone ? 1 : 2,
        'day one by sms: the email-only contacts have no channel',
      );
    },
  ),

  defineCheck(
    'resolveAudience pages within 200 and refuses what it cannot answer',
    kitSeed,
    async (adapter) => {
      const returning = await segmentNamed(adapter, 'store', 'Returning Customers');
      const want = oracle([PREDEFINED_MATCHES['Returning Customers']], [], 'any', false);
      const full = await adapter.resolveAudience({
        include: [returning.id],
        channel: 'any',
        limit: 200,
      });
      expectEqual(full.items.length, Math.min(200, want.total), 'a page of 200');
      expectEqual(full.total, want.total, 'total on a page of 200');
      ensure(full.next !== undefined || want.total <= 200, 'a next cursor past 200 people');
      const bad = [
        [{ include: [returning.id], channel: 'any', limit: 201 }, 'limit 201'],
        [{ include: [returning.id], channel: 'any', limit: 0 }, 'limit 0'],
        [{ include: [], channel: 'any' }, 'no included segment'],
        [{ include: [returning.id], channel: 'fax' }, "channel 'fax'"],
        [{ include: [returning.id], channel: 'any', cursor: '%%%' }, 'a made-up cursor'],
      ] as const;
      for (const [query, what] of bad) {
        await expectRejects(adapter.resolveAudience(query as never), 'invalid', what);
      }
      await expectRejects(
        adapter.resolveAudience({ include: [returning.id, 'no-such-segment'], channel: 'any' }),
        'not-found',
        'an unknown included segment',
      );
      await expectRejects(
        adapter.resolveAudience({ include: [returning.id], exclude: ['gone'], channel: 'any' }),
        'not-found',
        'an unknown excluded segment',
      );
    },
  ),
];

// ---- helpers ----

interface Expected {
  ids: Set<string>;
  total: number;
  duplicates: number;
  noConsent: number;
  noChannel: number;
}

/** The audience worked out by hand over the kit's customers (no CSV contacts involved). */
function oracle(
  include: readonly ((c: Customer) => boolean)[],
  exclude: readonly ((c: Customer) => boolean)[],
  channel: AudienceChannel,
  consentOnly: boolean,
): Expected {
  const want: Expected = { ids: new Set(), total: 0, duplicates: 0, noConsent: 0, noChannel: 0 };
  for (const c of kitStore().derived) {
    if (exclude.some((matches) => matches(c))) continue;
    const hits = include.filter((matches) => matches(c)).length;
    if (hits === 0) continue;
    want.duplicates += hits - 1;
    const hasPhone = Boolean(c.phone);
    const hasEmail = Boolean(c.email);
    const reachable =
      channel === 'sms' ? hasPhone : channel === 'email' ? hasEmail : hasPhone || hasEmail;
    if (consentOnly && c.acceptsMarketing !== true) want.noConsent++;
    else if (!reachable) want.noChannel++;
    else want.ids.add(c.id);
  }
  want.total = want.ids.size;
  return want;
}

/** Every page of an audience with a small page size; totals must not change between pages. */
async function everyone(
  adapter: SegmentAdapter,
  q: Parameters<SegmentAdapter['resolveAudience']>[0],
): Promise<{ items: AudienceMember[]; total: number; removed: AudiencePage['removed'] }> {
  const items: AudienceMember[] = [];
  let first: AudiencePage | undefined;
  let cursor: string | undefined;
  for (let page = 0; ; page++) {
    ensure(page < 10_000, 'resolveAudience kept returning a next cursor');
    const result = await adapter.resolveAudience({ ...q, cursor, limit: 9 });
    ensure(result.items.length <= 9, `a page of limit 9 held ${result.items.length} people`);
    first ??= result;
    expectEqual(result.total, first.total, 'total on every page');
    expectEqual(show(result.removed), show(first.removed), 'removed on every page');
    items.push(...result.items);
    if (!result.next) break;
    cursor = result.next;
  }
  expectEqual(items.length, first.total, 'people listed across pages');
  const seen = new Set<string>();
  for (const item of items) {
    const key = item.customerId ?? `contact:${item.phone ?? item.email}`;
    ensure(!seen.has(key), `${show(item)} was listed twice`);
    seen.add(key);
  }
  return { items, total: first.total, removed: first.removed };
}

function expectAudience(
  got: { items: AudienceMember[]; total: number; removed: AudiencePage['removed'] },
  want: Expected,
  what: string,
): void {
  expectEqual(got.total, want.total, `${what}: total`);
  expectEqual(got.removed.duplicates, want.duplicates, `${what}: duplicates`);
  expectEqual(got.removed.noConsent, want.noConsent, `${what}: noConsent`);
  expectEqual(got.removed.noChannel, want.noChannel, `${what}: noChannel`);
  const ids = new Set(got.items.map((i) => i.customerId ?? ''));
  const missing = [...want.ids].filter((id) => !ids.has(id));
  ensure(missing.length === 0, `${what}: missing ${show(missing.slice(0, 5))}`);
}
