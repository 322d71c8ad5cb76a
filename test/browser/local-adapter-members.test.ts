// CSV segment members kept in blocks: saved in one transaction per batch, in order, deduplicated
// across batches, tabs and the members of a database written by the previous version.
import { expect } from '@open-wc/testing';
import type { LocalAdapter } from '../../src/adapters/local/index.ts';
import type { LocalStore } from '../../src/adapters/local/store.ts';
import { openStore, rejection, removeStores, storeOf } from '../helpers/local-stores.ts';
import { legacyDatabase } from '../helpers/legacy-databases.ts';

afterEach(removeStores);

const csv = {
  fileName: 'list.csv',
  phoneColumn: 'phone',
  emailColumn: 'email',
  accepted: 0,
  rejected: 0,
  duplicates: 0,
};

/** 10-digit Indian mobiles, 6000000000 + i, written as a seller's file has them. */
const phone = (i: number) => {
  const digits = String(6_000_000_000 + i);
  return `${digits.slice(0, 5)} ${digits.slice(5)}`;
};
const e164 = (i: number) => `+91${6_000_000_000 + i}`;

async function allMembers(adapter: LocalAdapter, segmentId: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await adapter.listMembers(segmentId, { cursor, limit: 200 });
    ids.push(...page.items.map((item) => item.id));
    cursor = page.next;
  } while (cursor);
  return ids;
}

describe('LocalAdapter: members of CSV segments', () => {
  it('keeps 12,000 members in the order they were added, across batches and blocks', async () => {
    const adapter = openStore();
    await adapter.importCustomers([
      { id: 'c-7', createdAt: '2024-01-01T00:00:00Z', phone: e164(7) },
      { id: 'c-mail', createdAt: '2024-01-01T00:00:00Z', email: 'known@x.in' },
    ]);
    const segment = await adapter.createSegment({ name: 'Big list', type: 'csv', csv });
    const first = Array.from({ length: 7000 }, (_, i) => ({ phone: phone(i) }));
    // Repeats of the first batch, one by email of a known customer, then new ones.
    const second = [
      { phone: phone(3) },
      { email: 'KNOWN@x.in' },
      ...Array.from({ length: 5000 }, (_, i) => ({ phone: phone(7000 + i) })),
      { email: 'known@x.in' },
    ];
    expect(await adapter.addMembers(segment.id, first, { batchId: 'rows-1' })).to.deep.equal({
      added: 7000,
    });
    expect(await adapter.addMembers(segment.id, second, { batchId: 'rows-2' })).to.deep.equal({
      added: 5001,
    });
    // A retried batch adds nothing and answers as the first time.
    expect(await adapter.addMembers(segment.id, second, { batchId: 'rows-2' })).to.deep.equal({
      added: 5001,
    });
    await adapter.finishImport(segment.id);
    const expected = [
      ...Array.from({ length: 7000 }, (_, i) => (i === 7 ? 'c-7' : `contact:${e164(i)}`)),
      'c-mail',
      ...Array.from({ length: 5000 }, (_, i) => `contact:${e164(7000 + i)}`),
    ];
    expect(await allMembers(adapter, segment.id)).to.deep.equal(expected);
    expect((await adapter.countMembers({ segmentId: segment.id })).count).to.equal(12_001);
    // A segment rule sees the new members at once (the list kept in memory grew with them).
    const rule = {
      combinator: 'and' as const,
      rules: [{ field: 'segment', operator: 'in', value: [segment.id] }],
    };
    expect((await adapter.countMembers({ filter: rule })).count).to.equal(2);

    // A fresh tab reads the same members back from the database; a copy has them too.
    const reader = openStore({ storeId: adapter.storeId });
    expect(await allMembers(reader, segment.id)).to.deep.equal(expected);
    const copy = await reader.duplicateSegment(segment.id);
    expect(copy.memberCount).to.equal(12_001);
    await reader.deleteSegment(segment.id);
    expect(await allMembers(reader, copy.id)).to.deep.equal(expected);
    expect(
      await reader.addMembers(copy.id, [{ phone: phone(1) }, { phone: phone(99_999) }], {
        batchId: 'x',
      }),
    ).to.deep.equal({ added: 1 });
  });

  it('two tabs adding to one segment at once never store a contact twice', async () => {
    const tab1 = openStore();
    const tab2 = openStore({ storeId: tab1.storeId });
    const segment = await tab1.createSegment({ name: 'Shared', type: 'csv', csv });
    await tab2.listSegments({ scope: 'store' });
    const a = Array.from({ length: 300 }, (_, i) => ({ phone: phone(i) }));
    const b = Array.from({ length: 300 }, (_, i) => ({ phone: phone(150 + i) }));
    // Tab 2 adds its batch after tab 1 worked out its newcomers and before tab 1 writes them.
    const store = await storeOf(tab1);
    const write = store.writeSegments.bind(store);
    let tab2Added = -1;
    store.writeSegments = (async (...args: Parameters<LocalStore['writeSegments']>) => {
      store.writeSegments = write;
      tab2Added = (await tab2.addMembers(segment.id, b, { batchId: 'tab-2' })).added;
      return write(...args);
    }) as LocalStore['writeSegments'];
    const { added } = await tab1.addMembers(segment.id, a, { batchId: 'tab-1' });
    expect(tab2Added).to.equal(300);
    await tab1.finishImport(segment.id);
    expect(added).to.equal(150);
    const members = await allMembers(openStore({ storeId: tab1.storeId }), segment.id);
    expect(members).to.have.length(450);
    expect(new Set(members).size).to.equal(450);
    expect(members.slice(0, 300)).to.deep.equal(b.map((_, i) => `contact:${e164(150 + i)}`));
  });

  it('opens a database written by the previous version, members and their order intact', async () => {
    const storeId = `test-${crypto.randomUUID()}`;
    const old = legacyDatabase(storeId, 1);
    const now = '2026-11-01T10:00:00.000Z';
    await old
      .table('meta')
      .put({ key: 'state', dataVersion: 0, segmentsVersion: 1, customers: 0, orders: 0 });
    await old.table('segments').put({
      id: 'legacy',
      name: 'Legacy',
      nameKey: 'legacy',
      type: 'csv',
      csv,
      memberTotal: 3,
      version: 2,
      createdAt: now,
      updatedAt: now,
    });
    await old.table('members').bulkAdd([
      { segmentId: 'legacy', phone: e164(2), addedAt: now },
      { segmentId: 'other', email: 'z@x.in', addedAt: now },
      { segmentId: 'legacy', email: 'b@x.in', addedAt: now },
      { segmentId: 'legacy', phone: e164(1), email: 'a@x.in', addedAt: '2026-11-02T10:00:00.000Z' },
    ]);
    old.close();

    const adapter = openStore({ storeId });
    expect(await allMembers(adapter, 'legacy')).to.deep.equal([
      `contact:${e164(2)}`,
      'contact:b@x.in',
      `contact:${e164(1)}`,
    ]);
    const page = await adapter.listMembers('legacy', {});
    expect(page.items.map((m) => m.createdAt)).to.deep.equal([
      now,
      now,
      '2026-11-02T10:00:00.000Z',
    ]);
    // Contacts already there are recognised, by phone or by email.
    expect(
      await adapter.addMembers(
        'legacy',
        [{ email: 'A@x.in' }, { phone: phone(2) }, { phone: phone(3) }],
        {
          batchId: 'after-upgrade',
        },
      ),
    ).to.deep.equal({ added: 1 });
    expect(
      (await rejection(adapter.addMembers('legacy', [{ email: 'a@b' }], { batchId: 'bad' }))).code,
    ).to.equal('invalid');
  });
});
