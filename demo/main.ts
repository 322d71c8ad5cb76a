/**
 * The demo's entry: make the adapter (one place: store.ts), seed it in the background the first
 * time, and run the seller admin on it.
 */
import { startAdmin } from './admin.ts';
import { createDemoAdapter, resetDemoStore, seedDemoStore } from './store.ts';

const adapter = createDemoAdapter();

startAdmin(document.querySelector<HTMLElement>('#app')!, {
  adapter,
  prepare: (onProgress) => seedDemoStore(adapter, onProgress),
  reset: () => resetDemoStore(adapter),
  sampleCsvUrl: new URL('./sample-customers.csv', import.meta.url).href,
});
