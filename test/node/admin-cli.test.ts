import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { isSegmentError } from '../../src/core.ts';
import { openPglite, openPostgres, type Db } from '../../server/db.ts';
import { authenticate } from '../../server/stores.ts';

/**
 * An operator driving `npm run admin` as a child process: a second store, its customers and
 * orders from files, bad files refused with their line and nothing kept, keys issued, rotated
 * and revoked. On a PGlite data folder always, and on the PostgreSQL server DATABASE_URL names
 * (in a schema of its own) when it is set; the database is then opened to see what landed.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STORE = 'shop-two';

for (const server of [false, true]) {
  const name = server ? 'a PostgreSQL server (DATABASE_URL)' : 'a PGlite data folder';
  const skip = server && !process.env.DATABASE_URL;
  if (skip)
    console.log('# skipped: the admin command line on a PostgreSQL server (set DATABASE_URL)');

  describe(`npm run admin on ${name}`, { skip }, () => {
    let dir: string;
    let dbArgs: string[];
    let schema: string | undefined;
    const keys: Record<string, string> = {};

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'us-admin-'));
      if (server) {
        schema = `user_segments_admin_${process.pid}_${Date.now()}`;
        dbArgs = ['--schema', schema];
      } else {
        dbArgs = ['--pglite', join(dir, 'db')];
      }
    });
    after(async () => {
      await rm(dir, { recursive: true, force: true });
      if (schema) {
        const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      }
    });

    const admin = (...args: string[]) => run([...args, ...(args.includes('--help') ? [] : dbArgs)]);
    const openDb = (): Promise<Db> =>
      server
        ? Promise.resolve(openPostgres(process.env.DATABASE_URL!, { schema, max: 1 }))
        : openPglite(join(dir, 'db'));

    it('explains itself: every command, and each one with --help', async () => {
      const all = await admin('--help');
      assert.equal(all.code, 0);
      for (const command of ['store create', 'key rotate', 'key revoke', 'import customers']) {
        assert.match(all.stdout, new RegExp(command));
      }
      const one = await admin('import', 'orders', '--help');
      assert.equal(one.code, 0);
      assert.match(one.stdout, /import orders <store-id> <file>/);
      assert.match(one.stdout, /line number/);
      const wrong = await admin('store', 'explode');
      assert.equal(wrong.code, 2);
      assert.match(wrong.stderr, /Unknown command "store explode"/);
    });

    it('creates a second store and prints its key', async () => {
      const made = await admin(
        'store',
        'create',
        STORE,
        '--name',
        'दुकान दो',
        '--time-zone',
        'Asia/Kolkata',
      );
      assert.equal(made.code, 0, made.stderr);
      keys.first = keyIn(made.stdout);
      assert.ok(keys.first.startsWith(`${STORE}.`));
      const again = await admin('store', 'create', STORE);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /already exists/);
    });

    it('imports customers from CSV and orders from NDJSON, statistics recomputed', async () => {
      const customers = join(dir, 'customers.csv');
      await writeFile(
        customers,
        '\uFEFFid,name,email,phone,city,created_at,tags,acceptsMarketing\r\n' +
          'c1,Ananya Rao,ananya@example.com,98765 43210,Pune,2025-01-05,vip;festive-sale,yes\r\n' +
          'c2,"अर्जुन ""AJ""\r\nशर्मा",arjun@example.com,,Mumbai,2025-02-10T08:30:00Z,,no\r\n' +
          '\r\n' +
          'c3,Zoë,,,,2025-03-01T00:00:00+05:30,,\r\n',
      );
      const imported = await admin('import', 'customers', STORE, customers);
      assert.equal(imported.code, 0, imported.stderr);
      assert.match(imported.stdout, /Imported 3 customers into shop-two .*3 new, 0 replaced/);
      assert.match(imported.stderr, /customers: 3 rows read \(100% of the file\)/);

      const orders = join(dir, 'orders.ndjson');
      await writeFile(
        orders,
        [
          { id: 'o1', customerId: 'c1', total: 129900, placedAt: '2025-04-01T10:00:00Z' },
          { id: 'o2', customerId: 'c1', total: 50000, placedAt: '2025-05-01T10:00:00Z' },
          { id: 'o3', customerId: 'c2', total: 0, placedAt: '2025-04-15' },
        ]
          .map((o) => JSON.stringify(o))
          .join('\n') + '\n',
      );
      const placed = await admin('import', 'orders', STORE, orders);
      assert.equal(placed.code, 0, placed.stderr);
      assert.match(placed.stdout, /Imported 3 orders/);
    });

    it('refuses a bad row with its line number and keeps nothing of the file', async () => {
      const orders = join(dir, 'more-orders.csv');
      await writeFile(
        orders,
        'id,customerId,total,placedAt\n' +
          'o4,c3,1000,2025-06-01\n' +
          '"o5","c3","2000",2025-06-02\n' +
          'o6,c3,12.50,2025-06-03\n',
      );
      const bad = await admin('import', 'orders', STORE, orders);
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /line 4: total "12.50" is not a whole number/);

      const stranger = join(dir, 'stranger.ndjson');
      await writeFile(
        stranger,
        `${JSON.stringify({ id: 'o7', customerId: 'c3', total: 10, placedAt: '2025-06-01' })}\n\n` +
          `${JSON.stringify({ id: 'o8', customerId: 'nobody', total: 10, placedAt: '2025-06-01' })}\n`,
      );
      const orphan = await admin('import', 'orders', STORE, stranger);
      assert.equal(orphan.code, 1);
      assert.match(orphan.stderr, /line 3: the store has no customer "nobody"/);

      const twice = join(dir, 'twice.csv');
      await writeFile(twice, 'id,createdAt\nc9,2025-01-01\nc10,2025-01-01\nc9,2025-01-02\n');
      const repeated = await admin('import', 'customers', STORE, twice);
      assert.equal(repeated.code, 1);
      assert.match(repeated.stderr, /line 4: the id "c9" is already on an earlier line/);
    });

    it('issues, rotates and revokes keys; only the right ones open the store', async () => {
      const second = await admin('key', 'create', STORE, '--label', 'CRM sync');
      assert.equal(second.code, 0, second.stderr);
      keys.crm = keyIn(second.stdout);
      const listed = await admin('key', 'list', STORE);
      assert.equal(listed.code, 0, listed.stderr);
      const ids = [...listed.stdout.matchAll(/^([0-9a-f]{12})\t/gm)].map((m) => m[1]!);
      assert.equal(ids.length, 2);
      assert.match(listed.stdout, /CRM sync/);
      for (const key of Object.values(keys)) {
        assert.ok(!listed.stdout.includes(key.split('.')[1]!), 'a secret was listed');
      }
      const [firstId, crmId] = ids;

      const rotated = await admin('key', 'rotate', STORE, firstId!, '--grace', '0');
      assert.equal(rotated.code, 0, rotated.stderr);
      keys.rotated = keyIn(rotated.stdout);
      const soft = await admin('key', 'rotate', STORE, crmId!);
      assert.equal(soft.code, 0, soft.stderr);
      keys.crmNext = keyIn(soft.stdout);
      const afterSoft = await admin('key', 'list', STORE);
      const lastId = [...afterSoft.stdout.matchAll(/^([0-9a-f]{12})\t/gm)].map((m) => m[1]!).at(-1);
      const revoked = await admin('key', 'revoke', STORE, lastId!);
      assert.equal(revoked.code, 0, revoked.stderr);
      const unknown = await admin('key', 'revoke', STORE, 'ffffffffffff');
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /has no key ffffffffffff/);
    });

    it('left the store as the steps above say', async () => {
      const db = await openDb();
      try {
        const opens = async (key: string) => {
          try {
            return (await authenticate(db, key)).storeId;
          } catch (error) {
            if (isSegmentError(error, 'unauthorized')) return 'refused';
            throw error;
          }
        };
        // first: rotated with no grace; crm: rotated with a day's grace; crmNext: revoked.
        assert.equal(await opens(keys.first!), 'refused');
        assert.equal(await opens(keys.rotated!), STORE);
        assert.equal(await opens(keys.crm!), STORE);
        assert.equal(await opens(keys.crmNext!), 'refused');

        const customers = await db.query<Record<string, unknown>>(
          `SELECT id, name, phone, city, tags, accepts_marketing, orders_count::int AS orders,
                  total_spent::int AS spent, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS created
             FROM customers WHERE store_id = $1 ORDER BY id`,
          [STORE],
        );
        assert.deepEqual(customers, [
          {
            id: 'c1',
            name: 'Ananya Rao',
            phone: '+919876543210',
            city: 'Pune',
            tags: ['vip', 'festive-sale'],
            accepts_marketing: true,
            orders: 2,
            spent: 179900,
            created: '2025-01-05 00:00',
          },
          {
            id: 'c2',
            name: 'अर्जुन "AJ"\r\nशर्मा',
            phone: null,
            city: 'Mumbai',
            tags: null,
            accepts_marketing: false,
            orders: 1,
            spent: 0,
            created: '2025-02-10 08:30',
          },
          {
            id: 'c3',
            name: 'Zoë',
            phone: null,
            city: null,
            tags: null,
            accepts_marketing: null,
            orders: 0,
            spent: 0,
            created: '2025-02-28 18:30',
          },
        ]);
        const [{ n }] = await db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM orders WHERE store_id = $1',
          [STORE],
        );
        assert.equal(n, 3, 'orders of the refused files were kept');
        const [store] = await db.query<Record<string, unknown>>(
          'SELECT name, time_zone, customer_count FROM stores WHERE store_id = $1',
          [STORE],
        );
        assert.deepEqual(store, { name: 'दुकान दो', time_zone: 'Asia/Kolkata', customer_count: 3 });
      } finally {
        await db.close();
      }
    });
  });
}

// ---- helpers ----

function keyIn(stdout: string): string {
  const match = /^API key: (\S+)$/m.exec(stdout);
  assert.ok(match, stdout);
  return match[1]!;
}

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', ...args], {
      cwd: ROOT,
      env: process.env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
