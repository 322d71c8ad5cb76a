/**
 * A reference backend in a process of its own, stopped the way `npm run server` is
 * (`stopOnSignals`), for the shutdown test: its readiness query is held for HOLD_MS, so a test
 * can send a signal while a request is in flight. Prints its base URL once listening.
 */
import { startBackend, stopOnSignals } from '../../../server/backend.ts';

const hold = Number(process.env.HOLD_MS ?? 0);
const backend = await startBackend({
  wrapDb: (db) => ({
    ...db,
    query: async (sql, params) => {
      if (sql === 'SELECT 1' && hold) {
        console.log('holding');
        await new Promise((resolve) => setTimeout(resolve, hold));
      }
      return db.query(sql, params);
    },
  }),
});
stopOnSignals(backend, 10_000);
console.log(`listening ${backend.baseUrl}`);
