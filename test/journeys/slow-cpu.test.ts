/**
 * The core journey and the two-condition filter with the CPU throttled 4× (a slow phone, through
 * CDP), by mouse: each value typed is followed at once by the next click, with no wait for the
 * page, and must survive it (the saved segment's count is that of the typed values).
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { closeDemo, openDemo } from './demo-page.ts';
import { createAndDeleteFilterSegment, filterSegmentDuplicateEditDelete } from './journeys.ts';

describe("the seller's journeys on a slow CPU", function () {
  this.timeout(600_000);
  afterEach(closeDemo);

  it('by mouse at 1280 px, CPU throttled 4×: what is typed survives the next click', async () => {
    const seller = await openDemo({ adapter: 'local', mode: 'mouse', width: 1280, eager: true });
    await executeServerCommand('cpu-throttle', { rate: 4 });
    const walk = { label: 'slow-cpu', axe: false };
    await createAndDeleteFilterSegment(seller, walk);
    await filterSegmentDuplicateEditDelete(seller, walk);
  });
});
