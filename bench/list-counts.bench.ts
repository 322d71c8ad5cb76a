/**
 * `npm run bench list-counts`: one GET of the segment list right after a write, on the
 * 5,000-customer demo store with 50 heavy filter segments, through HTTP. Beside it, the same GET
 * the old way (every stale count recounted before answering). The reference backend runs in
 * this process, on the PostgreSQL server DATABASE_URL names (in a schema of its own, dropped
 * after) or on PGlite when it is not set. Both ways must list the same counts once the
 * background refresher has caught up.
 */
import pg from 'pg';
import type { FilterGroup } from '../src/core.ts';
import { startBackend } from '../server/backend.ts';
import { countRefreshesSettled, setListCountBudget } from '../server/counts.ts';
import { DEMO, seedDemoStore } from '../server/seed.ts';
import { importCustomers } from '../server/stores.ts';
import type { BenchFile } from './harness.ts';

const SEGMENTS = 50;
const ROUNDS = 5;

const run: BenchFile = async () => {
  const url = process.env.DATABASE_URL;
  const schema = url ? `user_segments_bench_counts_${process.pid}` : undefined;
  const backend = await startBackend({ databaseUrl: url, schema });
  try {
    const { apiKey } = await seedDemoStore(backend.db);
    const headers = { authorization: `Bearer ${apiKey}` };
    for (let i = 0; i < SEGMENTS; i++) {
      const response = await fetch(`${backend.baseUrl}/segments`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Heavy ${i + 1}`, type: 'filter', filter: heavyFilter(i) }),
      });
      if (response.status !== 201) throw new Error(`create: ${await response.text()}`);
    }
    const list = async () => {
      const response = await fetch(`${backend.baseUrl}/segments?scope=store&limit=200`, {
        headers,
      });
      if (response.status !== 200) throw new Error(`list: ${await response.text()}`);
      return ((await response.json()) as { items: Listed[] }).items;
    };
    // A write to the store: one customer's details change, so every cached count is stale.
    let writes = 0;
    const write = () =>
      importCustomers(backend.db, DEMO.storeId, [
        {
          id: 'bench-writer',
          name: `Bench writer ${++writes}`,
          createdAt: '2025-01-01T00:00:00.000Z',
          ordersCount: 0,
          totalSpent: 0,
        },
      ]);

    const measure = async (budget: Parameters<typeof setListCountBudget>[0]) => {
      setListCountBudget(budget);
      const times: number[] = [];
      const settle: number[] = [];
      let staleMarked = 0;
      for (let round = 0; round < ROUNDS; round++) {
        await write();
        const started = performance.now();
        const items = await list();
        times.push(performance.now() - started);
        staleMarked = items.filter((s) => s.countStale).length;
        const settling = performance.now();
        await countRefreshesSettled();
        settle.push(performance.now() - settling);
      }
      return { ms: median(times), settleMs: median(settle), staleMarked };
    };

    const old = await measure({ maxCounts: Infinity, budgetMs: Infinity });
    const oldCounts = countsOf(await list());
    const ours = await measure({});
    const freshAgain = await list();
    const unchanged = await (async () => {
      const started = performance.now();
      await list();
      return performance.now() - started;
    })();
    setListCountBudget();

    return {
      title: `GET /segments right after a write: ${SEGMENTS} heavy filters, ${DEMO.customers.toLocaleString('en')}-customer demo store (${url ? 'PostgreSQL server' : 'PGlite'})`,
      checks: [
        {
          name: 'counts once the refresher caught up, against the old path',
          ours: countsOf(freshAgain),
          expected: oldCounts,
        },
        {
          name: 'segments marked stale after the refresher caught up',
          ours: freshAgain.filter((s) => s.countStale).length,
          expected: 0,
        },
      ],
      rows: [
        {
          name: `one GET after a write, median of ${ROUNDS}`,
          value: ours.ms,
          unit: 'ms',
          baseline: { name: 'every stale count recounted in the GET (before)', value: old.ms },
          goal: { max: 1000 },
        },
        {
          name: 'background refresh of the stale counts after that GET, median',
          value: ours.settleMs,
          unit: 'ms',
        },
        {
          name: 'segments answered countStale in that GET',
          value: ours.staleMarked,
          unit: 'count',
        },
        { name: 'one GET on an unchanged store', value: unchanged, unit: 'ms' },
      ],
      notes: [`filter segments listed: ${freshAgain.filter((s) => s.type === 'filter').length}`],
    };
  } finally {
    setListCountBudget();
    await countRefreshesSettled();
    await backend.close();
    if (url && schema) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  }
};
export default run;

interface Listed {
  name: string;
  type: string;
  memberCount: number | null;
  countStale?: true;
}

/** Every one ranks the store's buyers (spendRank) and tests text: the costly kinds of rule. */
function heavyFilter(i: number): FilterGroup {
  return {
    combinator: 'or',
    rules: [
      { field: 'name', operator: 'contains', value: 'aeiou'[i % 5]! + 'nrst'[i % 4]! },
      {
        combinator: 'and',
        rules: [
          { field: 'spendRank', operator: 'lte', value: 100 + i * 20 },
          { field: 'email', operator: 'endsWith', value: '@gmail.com' },
          { field: 'city', operator: 'in', value: ['Mumbai', 'Pune', 'Bengaluru'] },
        ],
      },
    ],
  };
}

const countsOf = (items: Listed[]) =>
  Object.fromEntries(items.map((s) => [s.name, s.memberCount] as const));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
