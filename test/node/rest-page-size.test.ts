import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { kitSeed } from '../../src/testing/index.ts';
import { startTestBackend, type TestBackend } from './helpers/rest-backend.ts';

/**
 * The reference backend serves pages of at most 200 segments or members, as openapi.yaml says,
 * whoever asks: a raw HTTP client asking for 201 gets 400 `invalid` naming `limit` (the
 * RestAdapter refuses before sending, so the conformance kit alone would not show this).
 */

let backend: TestBackend;
let key: string;

async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${backend.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

before(async () => {
  backend = await startTestBackend();
  key = (await backend.newStore(kitSeed())).apiKey;
});
after(() => backend?.close());

describe('the reference backend pages within 200', () => {
  for (const [what, path] of [
    ['segments', '/segments?scope=store'],
    ['global segments', '/segments?scope=global'],
    ['members', '/segments/returning-customers/members'],
  ] as const) {
    it(`${what}: limit 200 is served, 201 is refused as invalid`, async () => {
      const served = await get(`${path}${path.includes('?') ? '&' : '?'}limit=200`);
      assert.equal(served.status, 200, JSON.stringify(served.body));
      assert.ok((served.body.items as unknown[]).length <= 200);
      const refused = await get(`${path}${path.includes('?') ? '&' : '?'}limit=201`);
      assert.equal(refused.status, 400, JSON.stringify(refused.body));
      assert.equal(refused.body.code, 'invalid');
      assert.match(JSON.stringify(refused.body.issues), /limit/);
    });
  }
});
