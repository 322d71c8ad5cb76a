/**
 * The core journey and the two-condition filter with the CPU throttled 4× (a slow phone, through
 * CDP), by mouse, on every adapter: each value typed is followed at once by the next click, with
 * no wait for the page, and must survive it (the saved segment's count is that of the typed
 * values). axe-core checks every state the walk passes through.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { closeDemo, openDemo, type AdapterKind } from './demo-page.ts';
import { createAndDeleteFilterSegment, filterSegmentDuplicateEditDelete } from './journeys.ts';

describe("the seller's journeys on a slow CPU", function () {
  this.timeout(600_000);
  afterEach(closeDemo);

  for (const adapter of ['local', 'rest', 'cached'] as const satisfies readonly AdapterKind[]) {
    it(`on the ${adapter} adapter, by mouse at 1280 px, CPU throttled 4×: what is typed survives the next click`, async () => {
      // The store is made (and the list loaded) at full speed; the seller's steps are throttled.
      const seller = await openDemo({ adapter, mode: 'mouse', width: 1280, eager: true });
      await executeServerCommand('cpu-throttle', { rate: 4 });
      const walk = { label: `slow-cpu-${adapter}` };
      await createAndDeleteFilterSegment(seller, walk);
      await filterSegmentDuplicateEditDelete(seller, walk);
    });
  }
});
