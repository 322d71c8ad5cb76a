/**
 * Which journeys each combination walks. Every combination of input (mouse, keyboard alone) and
 * viewport (1280, 360 px) walks the core journey; the mouse at 1280 px walks every task of the
 * help page, the keyboard at 1280 px the tasks with the most keys in them, and each phone walk
 * opens the last row's menu; each of the four combinations picks a campaign's audience in
 * Marketing → Campaigns and writes it with Send test. One file per adapter calls `journeysOn`,
 * so each adapter's walks run in a page (and IndexedDB) of their own.
 */
import { closeDemo, openDemo, type AdapterKind } from './demo-page.ts';
import type { InputMode } from './seller.ts';
import {
  createAndDeleteFilterSegment,
  createCsvSegment,
  editImpactAndCheck,
  filterSegmentDuplicateEditDelete,
  globalTab,
  growAndReplaceCsvSegment,
  lastRowMenuOnScreen,
  leavingAsksFirst,
  listShowsPredefinedCounts,
  pickerInCampaignForm,
  searchTheList,
  type Walk,
} from './journeys.ts';
import { seeTheTrend, seedTrend } from './trend.ts';

export function journeysOn(adapter: AdapterKind): void {
  const walk = (mode: InputMode, width: 1280 | 360): Walk => ({
    label: `${adapter}-${mode}-${width}`,
  });

  describe(`the seller's journeys on the ${adapter} adapter`, function () {
    this.timeout(300_000);
    afterEach(closeDemo);

    it('by mouse at 1280 px: every task of the help page', async () => {
      const seller = await openDemo({ adapter, mode: 'mouse', width: 1280 });
      const w = walk('mouse', 1280);
      await listShowsPredefinedCounts(seller, w);
      await searchTheList(seller, w);
      await createCsvSegment(seller, w);
      await filterSegmentDuplicateEditDelete(seller, w);
      await createAndDeleteFilterSegment(seller, w);
      await globalTab(seller, w);
      await leavingAsksFirst(seller, w);
    });

    it('by keyboard alone at 1280 px: the core journey, a two-condition filter, Global', async () => {
      const seller = await openDemo({ adapter, mode: 'keyboard', width: 1280 });
      const w = walk('keyboard', 1280);
      await listShowsPredefinedCounts(seller, w);
      await createAndDeleteFilterSegment(seller, w);
      await filterSegmentDuplicateEditDelete(seller, w);
      await globalTab(seller, w);
    });

    it('by mouse at 1280 px: edit a segment and see the impact, check a customer', async () => {
      const seller = await openDemo({ adapter, mode: 'mouse', width: 1280 });
      await editImpactAndCheck(seller, walk('mouse', 1280));
    });

    it('by keyboard alone at 360 px: a CSV segment grows, then is replaced', async () => {
      const seller = await openDemo({ adapter, mode: 'keyboard', width: 360 });
      await growAndReplaceCsvSegment(seller, walk('keyboard', 360));
    });

    for (const [mode, width] of [
      ['keyboard', 1280],
      ['mouse', 360],
    ] as const) {
      it(`by ${mode === 'mouse' ? 'mouse' : 'keyboard alone'} at ${width} px: see the trend`, async () => {
        const seller = await openDemo({ adapter, mode, width, history: seedTrend });
        await seeTheTrend(seller, walk(mode, width));
      });
    }

    for (const mode of ['mouse', 'keyboard'] as const) {
      for (const width of [1280, 360] as const) {
        it(`picker in the campaign form, by ${mode === 'mouse' ? 'mouse' : 'keyboard alone'} at ${width} px`, async () => {
          const seller = await openDemo({ adapter, mode, width });
          await pickerInCampaignForm(seller, walk(mode, width));
        });
      }
    }

    for (const mode of ['mouse', 'keyboard'] as const) {
      it(`by ${mode === 'mouse' ? 'mouse' : 'keyboard alone'} at 360 px: the core journey and the last row's menu`, async () => {
        const seller = await openDemo({ adapter, mode, width: 360 });
        const w = walk(mode, 360);
        await listShowsPredefinedCounts(seller, w);
        await createAndDeleteFilterSegment(seller, w);
        await lastRowMenuOnScreen(seller, w);
      });
    }
  });
}
