import { expect } from '@open-wc/testing';
import { SEGMENTS_CHANGED, SegmentError, type FilterGroup, type Segment } from '../../src/core.ts';
import type { LocalAdapter, LocalAdapterOptions } from '../../src/adapters/local/index.ts';
import { openStore, rejection, removeStores } from '../helpers/local-stores.ts';
import { deriveOrderStats, generateStore } from '../../src/testing/generate-store.ts';

// A seller's segment list on the embedded adapter: names, search, paging, copies, read-only
// segments, CSV members and the errors each mistake produces.

afterEach(removeStores);

async function seeded(options: Partial<LocalAdapterOptions> = {}) {
  const adapter = openStore(options);
  const store = generateStore({ seed: 7, customers: 300, orders: 900 });
  await adapter.importCustomers(store.customers);
  await adapter.importOrders(store.orders);
  return { adapter, ...store, derived: deriveOrderStats(store.customers, store.orders) };
}

const rule = (field: string, operator: string, value?: unknown): FilterGroup => ({
  combinator: 'and',
  rules: [{ field, operator, value }],
});

const filterDraft = (name: string, filter = rule('ordersCount', 'gte', 1)) => ({
  name,
  type: 'filter' as const,
  filter,
});

const csvSummary = {
  fileName: 'diwali.csv',
  phoneColumn: 'phone',
  emailColumn: 'email',
  accepted: 3,
  rejected: 0,
  duplicates: 0,
};

async function allSegments(adapter: LocalAdapter, search?: string, limit = 2): Promise<Segment[]> {
  const items: Segment[] = [];
  let cursor: string | undefined;
  do {
    const page = await adapter.listSegments({ scope: 'store', search, cursor, limit });
    items.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return items;
}

describe('LocalAdapter: predefined segments', () => {
  it('lists them first in every store, with counts that follow imported orders', async () => {
    const { adapter, derived, customers } = await seeded();
    const { items, total } = await adapter.listSegments({ scope: 'store' });

    expect(total).to.equal(5);
    expect(items.map((s) => s.name)).to.deep.equal([
      'First Time Customers',
      'Returning Customers',
      'Top 10 High-Value Spenders',
      'Top 50 High-Value Spenders',
      'Top 100 High-Value Spenders',
    ]);
    expect(items.every((s) => s.readOnly && s.type === 'predefined')).to.equal(true);
    const firstTimers = derived.filter((c) => c.ordersCount === 1).length;
    expect(items[0].memberCount).to.equal(firstTimers);
    expect(items[1].memberCount).to.equal(derived.filter((c) => c.ordersCount >= 2).length);
    expect(items[2].memberCount).to.equal(10);

    // A first-time customer orders again: they move to Returning Customers at once.
    const firstTimer = derived.find((c) => c.ordersCount === 1)!;
    await adapter.importOrders([
      { id: 'ord_new', customerId: firstTimer.id, total: 50000, placedAt: '2026-11-28T10:00:00Z' },
    ]);
    const counted = await adapter.countMembers({ segmentId: 'first-time-customers' });
    expect(counted).to.deep.equal({ count: firstTimers - 1, total: customers.length });
  });

  it('lists the Top 100 spenders in rank order, with their derived statistics', async () => {
    const { adapter, derived } = await seeded();
    const page = await adapter.listMembers('top-100-spenders', { limit: 100 });
    const expected = derived
      .filter((c) => c.spendRank !== undefined && c.spendRank <= 100)
      .sort((a, b) => a.spendRank! - b.spendRank!);

    expect(page.total).to.equal(100);
    expect(page.items).to.deep.equal(expected);
  });

  it('refuses to change or delete them, and copies them as editable filter segments', async () => {
    const { adapter } = await seeded();
    const draft = filterDraft('Mine');

    expect(
      (await rejection(adapter.updateSegment('top-10-spenders', draft, { expectedVersion: 1 })))
        .code,
    ).to.equal('read-only');
    expect((await rejection(adapter.deleteSegment('returning-customers'))).code).to.equal(
      'read-only',
    );
    expect(
      (
        await rejection(
          adapter.addMembers('top-10-spenders', [{ email: 'a@b.in' }], { batchId: 'b1' }),
        )
      ).code,
    ).to.equal('read-only');

    const copy = await adapter.duplicateSegment('top-10-spenders');
    expect(copy).to.include({
      name: 'Top 10 High-Value Spenders (copy)',
      type: 'filter',
      scope: 'store',
      readOnly: false,
      memberCount: 10,
      version: 1,
    });
    expect(copy.filter).to.deep.equal(rule('spendRank', 'lte', 10));
  });
});

describe('LocalAdapter: saving segments', () => {
  it('keeps names unique per store, trimmed and case-insensitive, 1–100 characters', async () => {
    const adapter = openStore();
    const saved = await adapter.createSegment(filterDraft('  Summer buyers '));
    expect(saved.name).to.equal('Summer buyers');

    expect((await rejection(adapter.createSegment(filterDraft('summer BUYERS')))).code).to.equal(
      'name-taken',
    );
    expect(
      (await rejection(adapter.createSegment(filterDraft('first time customers')))).code,
    ).to.equal('name-taken');
    const empty = await rejection(adapter.createSegment(filterDraft('   ')));
    expect(empty.code).to.equal('invalid');
    expect(empty.issues[0].path).to.equal('name');
    expect((await rejection(adapter.createSegment(filterDraft('x'.repeat(101))))).code).to.equal(
      'invalid',
    );
    expect((await adapter.createSegment(filterDraft('x'.repeat(100)))).name).to.have.length(100);
  });

  it('refuses a filter the engine finds invalid, with its issues', async () => {
    const adapter = openStore();
    const error = await rejection(
      adapter.createSegment(filterDraft('Bad', rule('ordersCount', 'contains', 'x'))),
    );
    expect(error.code).to.equal('invalid');
    expect(error.issues.length).to.be.greaterThan(0);
    expect(error.issues[0].path).to.match(/^filter/);
    expect((await adapter.listSegments({ scope: 'store' })).total).to.equal(5);
  });

  it('bumps version and updatedAt on update and refuses a stale version', async () => {
    const adapter = openStore();
    const saved = await adapter.createSegment(filterDraft('Loyal'));
    const updated = await adapter.updateSegment(
      saved.id,
      filterDraft('Loyal buyers', rule('ordersCount', 'gte', 5)),
      { expectedVersion: saved.version },
    );
    expect(updated.version).to.equal(saved.version + 1);
    expect(updated.name).to.equal('Loyal buyers');
    expect(updated.updatedAt >= saved.updatedAt).to.equal(true);

    const stale = await rejection(
      adapter.updateSegment(saved.id, filterDraft('Loyal again'), {
        expectedVersion: saved.version,
      }),
    );
    expect(stale.code).to.equal('conflict');
    expect((await adapter.getSegment(saved.id)).name).to.equal('Loyal buyers');
    expect((await rejection(adapter.getSegment('nope'))).code).to.equal('not-found');
    expect((await rejection(adapter.deleteSegment('nope'))).code).to.equal('not-found');
  });

  it('refuses an update that gives no expectedVersion, changing nothing', async () => {
    // A caller from plain JavaScript (or a host's backend) may leave the version out; that must
    // not turn the optimistic-concurrency check off.
    const adapter = openStore();
    const saved = await adapter.createSegment(filterDraft('Loyal'));
    for (const options of [{}, { expectedVersion: undefined }, undefined]) {
      const refused = await rejection(
        adapter.updateSegment(
          saved.id,
          filterDraft('Overwritten'),
          options as unknown as { expectedVersion: number },
        ),
      );
      expect(['conflict', 'invalid']).to.include(refused.code);
    }
    const after = await adapter.getSegment(saved.id);
    expect(after.name).to.equal('Loyal');
    expect(after.version).to.equal(saved.version);
  });

  it('searches names, pages with a cursor and orders by name after the predefined ones', async () => {
    const adapter = openStore();
    for (const name of [
      'Diwali VIPs',
      'app users',
      'Cart abandoners',
      'diwali first-timers',
      'Zed',
    ]) {
      await adapter.createSegment(filterDraft(name));
    }
    const names = (await allSegments(adapter)).map((s) => s.name);
    expect(names.slice(5)).to.deep.equal([
      'app users',
      'Cart abandoners',
      'diwali first-timers',
      'Diwali VIPs',
      'Zed',
    ]);
    expect(names.slice(0, 5)).to.include('Returning Customers');

    const found = await adapter.listSegments({ scope: 'store', search: 'DIWALI', limit: 1 });
    expect(found.total).to.equal(2);
    expect(found.items.map((s) => s.name)).to.deep.equal(['diwali first-timers']);
    const next = await adapter.listSegments({
      scope: 'store',
      search: 'DIWALI',
      cursor: found.next,
    });
    expect(next.items.map((s) => s.name)).to.deep.equal(['Diwali VIPs']);
    expect(next.next).to.equal(undefined);

    expect((await adapter.listSegments({ scope: 'store', search: 'spenders' })).total).to.equal(3);
    expect((await rejection(adapter.listSegments({ scope: 'store', cursor: '!!' }))).code).to.equal(
      'invalid',
    );
  });

  it('names copies "(copy)", "(copy 2)", … or as asked, always as editable store segments', async () => {
    const adapter = openStore();
    const original = await adapter.createSegment(filterDraft('Festive'));
    const first = await adapter.duplicateSegment(original.id);
    const second = await adapter.duplicateSegment(original.id);
    const named = await adapter.duplicateSegment(original.id, { name: 'Festive 2026' });

    expect([first.name, second.name, named.name]).to.deep.equal([
      'Festive (copy)',
      'Festive (copy 2)',
      'Festive 2026',
    ]);
    expect(first.id).to.not.equal(original.id);
    expect(first.filter).to.deep.equal(original.filter);
    expect(
      (await rejection(adapter.duplicateSegment(original.id, { name: 'festive' }))).code,
    ).to.equal('name-taken');
  });

  it('refuses to delete a segment another segment uses, naming the dependant', async () => {
    const adapter = openStore();
    const base = await adapter.createSegment(filterDraft('Base'));
    const user = await adapter.createSegment(
      filterDraft('Uses base', rule('segment', 'in', [base.id])),
    );
    const refused = await rejection(adapter.deleteSegment(base.id));
    expect(refused.code).to.equal('invalid');
    expect(refused.message).to.contain('Uses base');

    await adapter.deleteSegment(user.id);
    await adapter.deleteSegment(base.id);
    expect((await rejection(adapter.getSegment(base.id))).code).to.equal('not-found');
  });

  it('refuses a filter that names itself through another segment', async () => {
    const adapter = openStore();
    const a = await adapter.createSegment(filterDraft('A'));
    const b = await adapter.createSegment(filterDraft('B', rule('segment', 'in', [a.id])));
    const cycle = await rejection(
      adapter.updateSegment(a.id, filterDraft('A', rule('segment', 'in', [b.id])), {
        expectedVersion: a.version,
      }),
    );
    expect(cycle.code).to.equal('invalid');
    expect(cycle.issues.map((i) => i.code)).to.include('segment-cycle');
  });

  it('keeps its own copies: changing a draft, a returned segment or member changes nothing stored', async () => {
    const { adapter } = await seeded();
    const draft = filterDraft('Buyers');
    const saved = await adapter.createSegment(draft);
    (saved.filter!.rules[0] as { value: number }).value = 1000;
    (draft.filter.rules[0] as { value: number }).value = 2000;
    const [top] = (await adapter.listMembers('top-10-spenders', { limit: 1 })).items;
    top.totalSpent = 0;
    const predefined = await adapter.getSegment('first-time-customers');
    predefined.filter!.rules.length = 0;
    // Tags are the one list in a customer record: the page's must be a list of its own.
    const hasTags = rule('tags', 'isNotEmpty');
    const [tagged] = (await adapter.listMembers({ filter: hasTags }, { limit: 1 })).items;
    const tags = [...tagged.tags!];
    tagged.tags!.push('changed-by-caller');
    tagged.tags![0] = 'replaced';
    const taggedInSegment = await adapter.createSegment(filterDraft('Tagged', hasTags));
    const [again] = (await adapter.listMembers(taggedInSegment.id, { limit: 1 })).items;

    expect((await adapter.getSegment(saved.id)).filter).to.deep.equal(
      rule('ordersCount', 'gte', 1),
    );
    expect(
      (await adapter.listMembers('top-10-spenders', { limit: 1 })).items[0].totalSpent,
    ).to.be.greaterThan(0);
    expect((await adapter.getSegment('first-time-customers')).filter!.rules).to.have.length(1);
    expect(again.id).to.equal(tagged.id);
    expect(again.tags).to.deep.equal(tags);
  });

  it('fires segments-changed after every write', async () => {
    const adapter = openStore();
    let events = 0;
    adapter.addEventListener(SEGMENTS_CHANGED, () => events++);
    const saved = await adapter.createSegment(filterDraft('One'));
    await adapter.updateSegment(saved.id, filterDraft('Two'), { expectedVersion: 1 });
    await adapter.duplicateSegment(saved.id);
    await adapter.deleteSegment(saved.id);
    expect(events).to.equal(4);
  });

  it('rejects with the abort reason and writes nothing when the signal is aborted', async () => {
    const adapter = openStore();
    const controller = new AbortController();
    controller.abort(new DOMException('Seller left the page', 'AbortError'));
    let reason: unknown;
    try {
      await adapter.createSegment(filterDraft('Never'), { signal: controller.signal });
    } catch (error) {
      reason = error;
    }
    expect(reason).to.equal(controller.signal.reason);
    expect((await adapter.listSegments({ scope: 'store', search: 'never' })).total).to.equal(0);
  });
});

describe('LocalAdapter: options', () => {
  it('refuses a time zone that does not exist', () => {
    let error: unknown;
    try {
      openStore({ timeZone: 'Mars/Olympus_Mons' });
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(SegmentError);
    expect((error as SegmentError).code).to.equal('invalid');
  });

  it("counts calendar days in the store's time zone", async () => {
    // 20:00 UTC on 1 March is already 2 March in Kolkata (UTC+05:30).
    const customer = { id: 'c1', createdAt: '2026-03-01T20:00:00Z', ordersCount: 0, totalSpent: 0 };
    const onSecond = rule('createdOn', 'on', '2026-03-02');
    const kolkata = openStore({ timeZone: 'Asia/Kolkata' });
    const utc = openStore({ timeZone: 'UTC' });
    await kolkata.importCustomers([customer]);
    await utc.importCustomers([customer]);
    expect((await kolkata.countMembers({ filter: onSecond })).count).to.equal(1);
    expect((await utc.countMembers({ filter: onSecond })).count).to.equal(0);
  });
});

describe('LocalAdapter: global segments', () => {
  it('lists them under the global scope, read-only, with member counts', async () => {
    const { adapter, derived } = await seeded({
      globalSegments: [
        { id: 'g-gmail', name: 'Gmail users', filter: rule('email', 'endsWith', '@gmail.com') },
      ],
    });
    const { items, total } = await adapter.listSegments({ scope: 'global' });
    expect(total).to.equal(1);
    expect(items[0]).to.include({ scope: 'global', readOnly: true, type: 'filter' });
    expect(items[0].memberCount).to.equal(
      derived.filter((c) => c.email?.endsWith('@gmail.com')).length,
    );
    expect((await rejection(adapter.deleteSegment('g-gmail'))).code).to.equal('read-only');
    const copy = await adapter.duplicateSegment('g-gmail');
    expect(copy).to.include({ scope: 'store', readOnly: false, name: 'Gmail users (copy)' });
  });
});

describe('LocalAdapter: CSV segments', () => {
  it('adds members in batches, once per batchId, matching customers by phone or email', async () => {
    const { adapter, derived } = await seeded();
    const byPhone = derived.find((c) => c.phone)!;
    const byEmail = derived.find((c) => c.email && c.id !== byPhone.id)!;
    const segment = await adapter.createSegment({
      name: 'Diwali list',
      type: 'csv',
      csv: csvSummary,
    });

    const national = byPhone.phone!.replace('+91', '0');
    const batch = [
      { phone: national },
      { email: byEmail.email!.toUpperCase() },
      { phone: '+91 98765 43210', email: 'new.buyer@example.in' },
    ];
    expect(await adapter.addMembers(segment.id, batch, { batchId: 'rows-1-3' })).to.deep.equal({
      added: 3,
    });
    // A retried batch (say, after a dropped connection) adds nobody twice.
    await adapter.addMembers(segment.id, batch, { batchId: 'rows-1-3' });
    // A new batch that repeats a contact adds only the new one.
    expect(
      await adapter.addMembers(
        segment.id,
        [{ email: byEmail.email! }, { email: 'late@example.in' }],
        {
          batchId: 'rows-4-5',
        },
      ),
    ).to.deep.equal({ added: 1 });
    await adapter.finishImport(segment.id);

    expect(await adapter.countMembers({ segmentId: segment.id })).to.deep.equal({
      count: 4,
      total: derived.length,
    });
    const first = await adapter.listMembers(segment.id, { limit: 3 });
    expect(first.total).to.equal(4);
    expect(first.items[0]).to.deep.equal(byPhone);
    expect(first.items[1]).to.deep.equal(byEmail);
    expect(first.items[2]).to.include({
      id: 'contact:+919876543210',
      phone: '+919876543210',
      email: 'new.buyer@example.in',
      ordersCount: 0,
      totalSpent: 0,
    });
    const rest = await adapter.listMembers(segment.id, { cursor: first.next });
    expect(rest.items.map((c) => c.id)).to.deep.equal(['contact:late@example.in']);
    expect(rest.next).to.equal(undefined);
    expect((await adapter.getSegment(segment.id)).memberCount).to.equal(4);

    // A filter can name the CSV segment: it matches the customers the list found.
    const named = await adapter.countMembers({ filter: rule('segment', 'in', [segment.id]) });
    expect(named.count).to.equal(2);
  });

  it('matches a listed contact to a customer imported after the list', async () => {
    const adapter = openStore();
    const segment = await adapter.createSegment({ name: 'Early', type: 'csv', csv: csvSummary });
    await adapter.addMembers(
      segment.id,
      [{ phone: '98765 43210' }, { email: 'x@y.in' }, { email: 'z@y.in' }],
      { batchId: 'b' },
    );
    await adapter.finishImport(segment.id);
    expect((await adapter.listMembers(segment.id, {})).items[0].id).to.equal(
      'contact:+919876543210',
    );

    await adapter.importCustomers([
      {
        id: 'c-late',
        phone: '+919876543210',
        createdAt: '2026-01-01T00:00:00Z',
        ordersCount: 0,
        totalSpent: 0,
      },
    ]);
    expect((await adapter.listMembers(segment.id, {})).items[0].id).to.equal('c-late');
    expect(
      await adapter.countMembers({ filter: rule('segment', 'in', [segment.id]) }),
    ).to.deep.equal({
      count: 1,
      total: 1,
    });
  });

  it('copies members with the segment and refuses members for a filter segment', async () => {
    const adapter = openStore();
    const twoContacts = { ...csvSummary, accepted: 2 };
    const segment = await adapter.createSegment({
      name: 'Imported',
      type: 'csv',
      csv: twoContacts,
    });
    await adapter.addMembers(segment.id, [{ email: 'a@x.in' }, { email: 'b@x.in' }], {
      batchId: '1',
    });
    await adapter.finishImport(segment.id);
    const copy = await adapter.duplicateSegment(segment.id);
    expect(copy).to.include({ type: 'csv', memberCount: 2, name: 'Imported (copy)' });
    expect(copy.csv).to.deep.equal(twoContacts);
    const members = await adapter.listMembers(copy.id, {});
    expect(members.items.map((c) => c.email)).to.deep.equal(['a@x.in', 'b@x.in']);
    const named = await adapter.duplicateSegment(segment.id, { name: 'Imported again' });
    expect(named).to.include({ type: 'csv', memberCount: 2, name: 'Imported again' });

    const filter = await adapter.createSegment(filterDraft('Filtered'));
    expect(
      (await rejection(adapter.addMembers(filter.id, [{ email: 'a@x.in' }], { batchId: '1' })))
        .code,
    ).to.equal('invalid');
    const junk = await rejection(
      adapter.addMembers(segment.id, [{ phone: '12', email: 'nope' }], { batchId: '2' }),
    );
    expect(junk.code).to.equal('invalid');
    expect(junk.issues[0].path).to.equal('batch.0');
  });
});
