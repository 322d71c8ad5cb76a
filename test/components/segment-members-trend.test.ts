import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/segment-members/segment-members.ts';
import type { SegmentMembers } from '../../components/segment-members/segment-members.component.ts';
import { SegmentError, type SegmentAdapter } from '../../src/core.ts';
import type { HistoryPoint } from '../../components/shared/trend.ts';
import { ControlledAdapter } from '../helpers/controlled-adapter.ts';
import { removeStores } from '../helpers/local-stores.ts';
import { seededStore, withOverrides } from '../helpers/segment-fixtures.ts';
import { getAllByRole, getByRole, queryByRole } from '../helpers/queries.ts';

/** The seeded store, answering `countHistory` with `history` (or its error). */
function withHistory(
  inner: SegmentAdapter,
  history: (days: number) => Promise<HistoryPoint[]>,
): SegmentAdapter & { asked: number[] } {
  const asked: number[] = [];
  return Object.assign(withOverrides(inner, {}), {
    asked,
    countHistory: (_id: string, q: { days: number }) => {
      asked.push(q.days);
      return history(q.days);
    },
  });
}

async function open(
  adapter: SegmentAdapter,
  segmentId: string,
  width?: number,
): Promise<SegmentMembers> {
  const element = await fixture<SegmentMembers>(
    html`<segment-members
      .adapter=${adapter}
      segment-id=${segmentId}
      style=${width ? `width: ${width}px` : ''}
    ></segment-members>`,
  );
  await waitUntil(() => /Showing|no members/.test(text(element)), 'members listed', {
    timeout: 10_000,
  });
  return element;
}

const root = (element: SegmentMembers) => element.shadowRoot!;
const text = (element: SegmentMembers) => root(element).textContent!.replace(/\s+/g, ' ');
const trendSection = (element: SegmentMembers) =>
  getByRole(root(element), 'region', { name: 'Size over time' });

/** 2026-02-26 … 2026-03-03 with 2026-03-01 missing: across a month end, with a gap. */
const HISTORY: HistoryPoint[] = [
  { date: '2026-02-26', count: 1000 },
  { date: '2026-02-27', count: 1100 },
  { date: '2026-02-28', count: 1150 },
  { date: '2026-03-02', count: 1200 },
  { date: '2026-03-03', count: 1234 },
];

afterEach(removeStores);

describe('<segment-members> size over time', () => {
  it('says the change and reads the chart day by day from the keyboard, skipping a missing day', async () => {
    const adapter = withHistory(await seededStore(), async () => HISTORY);
    const element = await open(adapter, 'top-10-spenders');
    await waitUntil(() => queryByRole(root(element), 'slider') !== null, 'chart shown');
    expect(adapter.asked).to.deep.equal([90]);
    // 1000 → 1234 over 5 days.
    expect(trendSection(element).textContent).to.include('up 23% in 5 days');

    const slider = getByRole(root(element), 'slider', { name: 'Members over the last 90 days' });
    const value = () => slider.getAttribute('aria-valuetext');
    const readout = () =>
      root(element).querySelector('[part~="chart-readout"]')!.textContent!.trim();
    expect(value()).to.equal('Mar 3, 2026: 1,234 people');
    slider.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await element.updateComplete;
    expect(value()).to.equal('Mar 2, 2026: 1,200 people');
    await sendKeys({ press: 'ArrowLeft' });
    await element.updateComplete;
    // No count on 1 March: the next day left is 28 February.
    expect(value()).to.equal('Feb 28, 2026: 1,150 people');
    expect(readout()).to.equal(value());
    await sendKeys({ press: 'Home' });
    await element.updateComplete;
    expect(value()).to.equal('Feb 26, 2026: 1,000 people');
    await sendKeys({ press: 'ArrowLeft' });
    await element.updateComplete;
    expect(value(), 'stays on the first day').to.equal('Feb 26, 2026: 1,000 people');
    await sendKeys({ press: 'End' });
    await element.updateComplete;
    expect(value()).to.equal('Mar 3, 2026: 1,234 people');
    expect(slider.getAttribute('aria-valuenow')).to.equal('4');
    expect(slider.getAttribute('aria-valuemax')).to.equal('4');
  });

  it('lists every counted day in a table on request, newest first', async () => {
    const adapter = withHistory(await seededStore(), async () => HISTORY);
    const element = await open(adapter, 'top-10-spenders');
    await waitUntil(() => queryByRole(root(element), 'slider') !== null, 'chart shown');
    const toggle = getByRole(root(element), 'button', { name: 'Show as a table' });
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await element.updateComplete;
    const table = getByRole(root(element), 'table', { name: 'Members over the last 90 days' });
    const rows = getAllByRole(table, 'row')
      .slice(1)
      .map((row) => row.textContent!.replace(/\s+/g, ' ').trim());
    expect(rows).to.deep.equal([
      'Mar 3, 2026 1,234',
      'Mar 2, 2026 1,200',
      'Feb 28, 2026 1,150',
      'Feb 27, 2026 1,100',
      'Feb 26, 2026 1,000',
    ]);
    getByRole(root(element), 'button', { name: 'Hide the table' }).click();
    await element.updateComplete;
    expect(queryByRole(root(element), 'table', { name: 'Members over the last 90 days' })).to.equal(
      null,
    );
  });

  it('a history too short to compare says so and draws no chart', async () => {
    const adapter = withHistory(await seededStore(), async () => []);
    const element = await open(adapter, 'top-10-spenders');
    await waitUntil(() => text(element).includes('Not enough history yet'), 'said');
    expect(queryByRole(root(element), 'slider')).to.equal(null);
  });

  it('a history that cannot be read is said quietly, the members still show, Retry reads it', async () => {
    let fail = true;
    const adapter = withHistory(await seededStore(), async () => {
      if (fail) throw new SegmentError('unavailable', 'offline');
      return HISTORY;
    });
    const element = await open(adapter, 'top-10-spenders');
    await waitUntil(() => text(element).includes('Trend unavailable'), 'said');
    expect(queryByRole(root(element), 'alert')).to.equal(null);
    expect(getByRole(root(element), 'table', { name: 'Members' })).to.not.equal(null);
    fail = false;
    getByRole(trendSection(element), 'button', { name: 'Retry' }).click();
    await waitUntil(() => queryByRole(root(element), 'slider') !== null, 'chart after retry');
    expect(text(element)).to.not.include('Trend unavailable');
  });

  describe('keeps its place: nothing below it moves when the history answers', () => {
    /** Where Export CSV is, relative to the view (the page does not scroll here). */
    const exportAt = (element: SegmentMembers) => {
      const box = getByRole(root(element), 'button', {
        name: 'Export CSV',
      }).getBoundingClientRect();
      return { top: box.top, left: box.left };
    };

    for (const width of [360, 1024]) {
      it(`at ${width} px: the chart arrives above the members without moving Export CSV`, async () => {
        const adapter = new ControlledAdapter(
          withHistory(await seededStore(), async () => HISTORY),
        );
        const release = adapter.holdAnswers(['countHistory']);
        const element = await open(adapter, 'top-10-spenders', width);
        expect(trendSection(element).textContent).to.include('Loading');
        const before = exportAt(element);

        release();
        await waitUntil(() => queryByRole(root(element), 'slider') !== null, 'chart shown');
        await element.updateComplete;
        expect(exportAt(element)).to.deep.equal(before);
        // Above the members, whose table comes after it.
        const slider = getByRole(root(element), 'slider', {
          name: 'Members over the last 90 days',
        });
        const table = getByRole(root(element), 'table', { name: 'Members' });
        expect(slider.getBoundingClientRect().bottom).to.be.at.most(
          table.getBoundingClientRect().top,
        );
        // What holds the place is seen by no one: the section's only button is the real one.
        expect(
          getAllByRole(trendSection(element), 'button').map((b) => b.textContent!.trim()),
        ).to.deep.equal(['Show as a table']);
      });
    }

    it('a history that fails says so and offers Retry in the same box', async () => {
      let answer!: () => void;
      const asked = new Promise<void>((resolve) => (answer = resolve));
      const adapter = withHistory(await seededStore(), async () => {
        await asked;
        throw new SegmentError('unavailable', 'offline');
      });
      const element = await open(adapter, 'top-10-spenders', 360);
      const before = exportAt(element);
      answer();
      await waitUntil(() => text(element).includes('Trend unavailable'), 'said');
      await element.updateComplete;
      expect(getByRole(trendSection(element), 'button', { name: 'Retry' })).to.not.equal(null);
      expect(exportAt(element)).to.deep.equal(before);
    });

    it("at 360 px the last day's marker stays inside the view", async () => {
      const adapter = withHistory(await seededStore(), async () => HISTORY);
      const element = await open(adapter, 'top-10-spenders', 360);
      await waitUntil(() => queryByRole(root(element), 'slider') !== null, 'chart shown');
      // The slider starts on the last day: its marker is at the plot's right end.
      const marker = root(element).querySelector('.marker')!.getBoundingClientRect();
      expect(marker.width).to.be.greaterThan(0);
      expect(marker.right).to.be.at.most(element.getBoundingClientRect().right);
    });
  });
});
