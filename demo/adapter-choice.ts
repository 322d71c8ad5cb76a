/**
 * Which adapter the demo page talks to, chosen by its URL:
 * - `/demo/` — the LocalAdapter in this browser's IndexedDB (zero-config, the default);
 * - `/demo/?adapter=rest&api=http://127.0.0.1:PORT/api&key=KEY` — the RestAdapter against the
 *   reference backend (`npm run server` prints the exact link);
 * - `/demo/?adapter=cached&api=…&key=…` — the same RestAdapter behind a CachedAdapter (an
 *   IndexedDB cache per store and user), as a host would ship it.
 * It imports no element, so Node tests can check the choice.
 */
import { RestAdapter, SegmentError, type SegmentAdapter } from '../src/core.ts';
import { CachedAdapter } from '../src/adapters/cached/cached-adapter.ts';

export type AdapterChoice<L extends SegmentAdapter> =
  | { kind: 'local'; adapter: L }
  | { kind: 'rest'; adapter: RestAdapter; baseUrl: string }
  | { kind: 'cached'; adapter: CachedAdapter; baseUrl: string };

/** The one user of the demo admin: the cache is kept per store and per this user. */
export const DEMO_USER = 'demo-seller';

export function chooseAdapter<L extends SegmentAdapter>(
  search: string,
  openLocal: () => L,
): AdapterChoice<L> {
  const params = new URLSearchParams(search);
  const kind = params.get('adapter') ?? 'local';
  if (kind === 'local') return { kind, adapter: openLocal() };
  if (kind !== 'rest' && kind !== 'cached') {
    throw new SegmentError(
      'invalid',
      `Unknown adapter "${kind}": use "local", "rest" or "cached".`,
    );
  }
  const api = params.get('api');
  let baseUrl: URL;
  try {
    baseUrl = new URL(api ?? '');
  } catch {
    throw new SegmentError(
      'invalid',
      `Add the backend address: ?adapter=${kind}&api=http://127.0.0.1:PORT/api&key=KEY`,
    );
  }
  const key = params.get('key');
  const rest = new RestAdapter({
    baseUrl: baseUrl.href,
    headers: key ? { authorization: `Bearer ${key}` } : undefined,
  });
  if (kind === 'rest') return { kind, baseUrl: baseUrl.href, adapter: rest };
  // The reference backend's keys start with their store's id ("<store>.<secret>").
  const storeId = `${baseUrl.host}/${key?.split('.')[0] ?? 'no-key'}`;
  return {
    kind,
    baseUrl: baseUrl.href,
    adapter: new CachedAdapter(rest, { storeId, userKey: DEMO_USER }),
  };
}
