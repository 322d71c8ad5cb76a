/**
 * The demo's entry: make the adapter (one place: store.ts, or the reference backend when the URL
 * says `?adapter=rest&api=…&key=…`), seed the local store in the background the first time, and
 * run the seller admin on it.
 */
import { startAdmin } from './admin.ts';
import { chooseAdapter } from './adapter-choice.ts';
import { createDemoAdapter, resetDemoStore, seedDemoStore } from './store.ts';

// README: "The demo against the reference backend".
const choice = chooseAdapter(location.search, createDemoAdapter);

startAdmin(document.querySelector<HTMLElement>('#app')!, {
  adapter: choice.adapter,
  ...(choice.kind === 'local'
    ? {
        prepare: (onProgress) => seedDemoStore(choice.adapter, onProgress),
        reset: () => resetDemoStore(choice.adapter),
      }
    : // The backend seeds its own store; asking for a count proves it answers before the page shows.
      { prepare: () => choice.adapter.countMembers({ segmentId: 'first-time-customers' }) }),
  sampleCsvUrl: new URL('./sample-customers.csv', import.meta.url).href,
});
