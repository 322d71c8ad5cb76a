/**
 * Which adapter the demo page talks to, chosen by its URL:
 * - `/demo/` — the LocalAdapter in this browser's IndexedDB (zero-config, the default);
 * - `/demo/?adapter=rest&api=http://127.0.0.1:PORT/api&key=KEY` — the RestAdapter against the
 *   reference backend (`npm run server` prints the exact link).
 * It imports no element, so Node tests can check the choice.
 */
import { RestAdapter, SegmentError, type SegmentAdapter } from '../src/core.ts';

export type AdapterChoice<L extends SegmentAdapter> =
  { kind: 'local'; adapter: L } | { kind: 'rest'; adapter: RestAdapter; baseUrl: string };

export function chooseAdapter<L extends SegmentAdapter>(
  search: string,
  openLocal: () => L,
): AdapterChoice<L> {
  const params = new URLSearchParams(search);
  const kind = params.get('adapter') ?? 'local';
  if (kind === 'local') return { kind, adapter: openLocal() };
  if (kind !== 'rest') {
    throw new SegmentError('invalid', `Unknown adapter "${kind}": use "local" or "rest".`);
  }
  const api = params.get('api');
  let baseUrl: URL;
  try {
    baseUrl = new URL(api ?? '');
  } catch {
    throw new SegmentError(
      'invalid',
      'Add the backend address: ?adapter=rest&api=http://127.0.0.1:PORT/api&key=KEY',
    );
  }
  const key = params.get('key');
  return {
    kind,
    baseUrl: baseUrl.href,
    adapter: new RestAdapter({
      baseUrl: baseUrl.href,
      headers: key ? { authorization: `Bearer ${key}` } : undefined,
    }),
  };
}
