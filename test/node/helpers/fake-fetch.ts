import assert from 'node:assert/strict';
import { RestAdapter, SegmentError, type Segment } from '../../../src/core.ts';

/** What a fake fetch saw of one request, its body parsed back from JSON. */
export interface Call {
  method: string;
  url: string;
  headers: Headers;
  body: unknown;
}

/** A fetch that hands every call to `answer` (with its 1-based number and signal), recording it. */
export function fakeFetch(
  answer: (call: Call, n: number, signal: AbortSignal | undefined) => Response | Promise<Response>,
) {
  const calls: Call[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const call: Call = {
      method: init?.method ?? 'GET',
      url: String(input),
      headers: new Headers(init?.headers),
      body: init?.body === undefined ? undefined : JSON.parse(String(init.body)),
    };
    calls.push(call);
    return answer(call, calls.length, init?.signal ?? undefined);
  };
  return { fetch, calls };
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

/** A segment as a backend sends it; tests spread it to vary one field. */
export const SEGMENT: Segment = {
  id: 'vip',
  name: 'Mumbai VIPs',
  type: 'filter',
  scope: 'store',
  filter: { combinator: 'and', rules: [{ field: 'city', operator: 'equals', value: 'Mumbai' }] },
  memberCount: 12,
  readOnly: false,
  version: 3,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-02T10:00:00.000Z',
};

/** No waiting between retries, so the tests stay fast; the jitter maths has its own test. */
export const adapterWith = (fetch: typeof globalThis.fetch, options = {}) =>
  new RestAdapter({
    baseUrl: 'https://admin.example.in/api/',
    headers: { authorization: 'Bearer k1' },
    fetch,
    retry: { baseDelayMs: 0 },
    ...options,
  });

export async function rejection(promise: Promise<unknown>): Promise<SegmentError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SegmentError, `expected a SegmentError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to reject');
}
