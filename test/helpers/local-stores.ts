import { expect } from '@open-wc/testing';
import { SegmentError, type Customer, type FilterGroup } from '../../src/core.ts';
import { LocalAdapter, type LocalAdapterOptions } from '../../src/adapters/local/index.ts';
import type { LocalStore } from '../../src/adapters/local/store.ts';

const opened: LocalAdapter[] = [];
const stores = new Set<string>();

/** A LocalAdapter on a store of its own (a fresh id unless given), removed after the test. */
export function openStore(options: Partial<LocalAdapterOptions> = {}): LocalAdapter {
  const storeId = options.storeId ?? `test-${crypto.randomUUID()}`;
  stores.add(storeId);
  const adapter = new LocalAdapter({ ...options, storeId });
  opened.push(adapter);
  return adapter;
}

/**
 * The store behind an adapter, once its engine has loaded: for tests that hold a write back to
 * let another tab's change slip in first.
 */
export async function storeOf(adapter: LocalAdapter): Promise<LocalStore> {
  const { engine } = adapter as unknown as { engine: Promise<{ store: LocalStore }> };
  return (await engine).store;
}

/** Closes every adapter openStore made and deletes their databases. */
export async function removeStores(): Promise<void> {
  for (const adapter of opened.splice(0)) adapter.close();
  for (const storeId of stores) await LocalAdapter.deleteStore(storeId);
  stores.clear();
}

/** The SegmentError a call rejects with; fails the test if it resolves or throws anything else. */
export async function rejection(promise: Promise<unknown>): Promise<SegmentError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(SegmentError);
    return error as SegmentError;
  }
  throw new Error('expected the call to fail');
}

/** Matches every customer (a customer without orders has 0). */
export const everyone: FilterGroup = {
  combinator: 'and',
  rules: [{ field: 'ordersCount', operator: 'gte', value: 0 }],
};

/**
 * Every customer a filter selects, in import order, as the adapter returns them: through a
 * segment of that filter, page by page, the segment deleted after.
 */
export async function filterMembers(adapter: LocalAdapter, filter = everyone): Promise<Customer[]> {
  const segment = await adapter.createSegment({
    name: `Members ${crypto.randomUUID()}`,
    type: 'filter',
    filter,
  });
  const items: Customer[] = [];
  let cursor: string | undefined;
  do {
    const page = await adapter.listMembers(segment.id, { cursor, limit: 200 });
    items.push(...page.items);
    cursor = page.next;
  } while (cursor);
  await adapter.deleteSegment(segment.id);
  return items;
}
