/**
 * The demo's entry: the adapter the URL names (the LocalAdapter of store.ts by default, or the
 * reference backend with `?adapter=rest&api=…&key=…`, cached with `adapter=cached`), the local
 * store seeded in the background the first time, and the seller admin on it.
 */
import { bootDemo } from './boot.ts';
import { createDemoAdapter, resetDemoStore, seedDemoStore } from './store.ts';

// README: "The demo against the backend".
bootDemo(document.querySelector<HTMLElement>('#app')!, {
  search: location.search,
  openLocal: createDemoAdapter,
  prepareLocal: seedDemoStore,
  resetLocal: resetDemoStore,
  sampleCsvUrl: new URL('./sample-customers.csv', import.meta.url).href,
});
