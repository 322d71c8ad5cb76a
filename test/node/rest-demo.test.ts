import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RestAdapter, SegmentError, type SegmentAdapter } from '../../src/core.ts';
import { chooseAdapter } from '../../demo/adapter-choice.ts';
import { CachedAdapter } from '../../src/adapters/cached/cached-adapter.ts';
import { DEMO, seedDemoStore } from '../../server/seed.ts';
import { createStore } from '../../server/stores.ts';
import { startTestBackend, type TestBackend } from './helpers/rest-backend.ts';

/**
 * The demo's switch between the LocalAdapter and the reference backend, the backend's CORS for
 * the demo page, and `npm run server` meeting a demo store it made before.
 */

let backend: TestBackend;
let apiKey: string;
before(async () => {
  backend = await startTestBackend({ corsOrigins: ['http://localhost:5173'] });
  ({ apiKey } = await backend.newStore());
});
after(() => backend?.close());

const fakeLocal = () => new EventTarget() as unknown as SegmentAdapter;

describe('the demo chooses its adapter from the URL', () => {
  it('is the LocalAdapter with no parameter or adapter=local', () => {
    for (const search of ['', '?adapter=local', '?api=http://x/api']) {
      const local = fakeLocal();
      const choice = chooseAdapter(search, () => local);
      assert.equal(choice.kind, 'local', search);
      assert.equal(choice.adapter, local);
    }
  });

  it('is a RestAdapter holding the key for adapter=rest', async () => {
    const search = `?${new URLSearchParams({ adapter: 'rest', api: backend.baseUrl, key: apiKey })}`;
    const choice = chooseAdapter(search, () => assert.fail('the LocalAdapter was opened'));
    assert.equal(choice.kind, 'rest');
    assert.ok(choice.adapter instanceof RestAdapter);
    const { items } = await choice.adapter.listSegments({ scope: 'store' });
    assert.equal(items[0]?.id, 'first-time-customers');
    const keyless = chooseAdapter(
      `?adapter=rest&api=${encodeURIComponent(backend.baseUrl)}`,
      fakeLocal,
    );
    await assert.rejects(keyless.adapter.listSegments({ scope: 'store' }), {
      code: 'unauthorized',
    });
  });

  it('is that RestAdapter behind a CachedAdapter for adapter=cached', async () => {
    const search = `?${new URLSearchParams({ adapter: 'cached', api: backend.baseUrl, key: apiKey })}`;
    const choice = chooseAdapter(search, () => assert.fail('the LocalAdapter was opened'));
    assert.equal(choice.kind, 'cached');
    assert.ok(choice.adapter instanceof CachedAdapter);
    const { items } = await choice.adapter.listSegments({ scope: 'store' });
    assert.equal(items[0]?.id, 'first-time-customers');
    choice.adapter.close();
  });

  it('says what is missing from a bad link', () => {
    for (const search of ['?adapter=rest', '?adapter=rest&api=not a url', '?adapter=graphql']) {
      assert.throws(
        () => chooseAdapter(search, fakeLocal),
        (error) => {
          assert.ok(error instanceof SegmentError);
          assert.equal(error.code, 'invalid');
          return true;
        },
      );
    }
  });
});

describe('CORS for the demo page', () => {
  it('lets an allowed origin preflight and read the ETag', async () => {
    const preflight = await fetch(`${backend.baseUrl}/segments/x`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'PUT' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /if-match/);
    assert.match(preflight.headers.get('access-control-expose-headers') ?? '', /ETag/);
  });

  it('gives other origins no CORS headers', async () => {
    const response = await fetch(`${backend.baseUrl}/segments?scope=store`, {
      headers: { origin: 'https://evil.example', authorization: `Bearer ${apiKey}` },
    });
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });
});

describe('npm run server on a database it seeded before', () => {
  it('keeps the store and hands out a new key that works beside the old one', async () => {
    const { apiKey: first } = await createStore(backend.db, { storeId: DEMO.storeId });
    const { apiKey: second, created } = await seedDemoStore(backend.db);
    assert.equal(created, false);
    assert.notEqual(second, first);
    for (const key of [first, second]) {
      const adapter = new RestAdapter({
        baseUrl: backend.baseUrl,
        headers: { authorization: `Bearer ${key}` },
      });
      assert.equal((await adapter.listSegments({ scope: 'store' })).total, 5);
    }
  });
});
