/**
 * "See the trend" (issue 20): a segment counted on several days before the page opens — the
 * store's clock moved a day at a time and the segment counted through an adapter of the store,
 * the real recount path — then the seller reads its trend in the list, opens its members, moves
 * through the chart's days (keys, or the pointer) and reads a day's value, and opens the table.
 * Every number is worked out from the generated store (`compileFilter` over its customers on
 * each day), never read back through an adapter.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand, sendKeys, sendMouse } from '@web/test-runner-commands';
import { compileFilter, type FilterGroup } from '../../src/core.ts';
import { getAllByRole, getByRole, queryByRole } from '../helpers/queries.ts';
import { CUSTOMERS, type HistoryStore } from './demo-page.ts';
import { state, type Walk } from './journeys.ts';
import type { Seller } from './seller.ts';
import { JOURNEY_STORE } from './store-data.ts';

const NAME = 'Recent buyers';
/** Customers whose last order is in the last 30 days: a count that moves with the calendar. */
const RECENT: FilterGroup = {
  combinator: 'and',
  rules: [{ field: 'lastOrderOn', operator: 'inLast', value: { amount: 30, unit: 'days' } }],
};
const DAY_MS = 86_400_000;
/** "Today" for the store: noon in Kolkata on 28 November 2026, the generated data's last day. */
const TODAY = Date.parse('2026-11-28T06:30:00Z');
/** Days before today on which the segment is counted; the days between carry the count before. */
const COUNTED = [10, 7, 3, 1, 0];

/** The segment's count `daysBefore` today, from the generated customers. */
function countOn(daysBefore: number): number {
  // The latest count on or before that day.
  const counted = Math.min(...COUNTED.filter((d) => d >= daysBefore));
  const ctx = {
    now: new Date(TODAY - counted * DAY_MS),
    timeZone: JOURNEY_STORE.timeZone,
    defaultCountry: 'IN',
  };
  return CUSTOMERS.filter(compileFilter(RECENT, ctx)).length;
}

/** `openDemo`'s history: makes the segment on day −10 and counts it on the COUNTED days. */
export async function seedTrend({ adapter, setClock }: HistoryStore): Promise<void> {
  await setClock(new Date(TODAY - COUNTED[0]! * DAY_MS));
  const segment = await adapter.createSegment({ name: NAME, type: 'filter', filter: RECENT });
  for (const daysBefore of COUNTED) {
    await setClock(new Date(TODAY - daysBefore * DAY_MS));
    const { count } = await adapter.countMembers({ segmentId: segment.id });
    expect(count, `count ${daysBefore} days before today`).to.equal(countOn(daysBefore));
  }
}

export async function seeTheTrend(seller: Seller, walk: Walk): Promise<void> {
  const first = countOn(10);
  const last = countOn(0);
  // By hand: 10 days from the first count to today, the change in whole percents.
  const percent = Math.round((Math.abs(last - first) / first) * 100);
  const sentence =
    last === first
      ? 'no change in 10 days'
      : `${last > first ? 'up' : 'down'} ${percent}% in 10 days`;
  const list = seller.page.list;
  const row = await list.waitForRow(NAME);
  expect(row.users).to.equal(last.toLocaleString('en'));
  await seller.waitFor(() => trendText(seller) !== '', 'the trend of the row');
  expect(trendText(seller)).to.equal(sentence);
  await state(seller, walk, 'trend-list');

  await seller.openMembers(NAME);
  const members = seller.members!.shadowRoot!;
  await seller.waitFor(() => queryByRole(members, 'slider') !== null, 'the chart');
  expect(getByRole(members, 'region', { name: 'Size over time' }).textContent).to.contain(sentence);
  const chart = getByRole(members, 'slider', { name: 'Members over the last 90 days' });
  const heard = () => chart.getAttribute('aria-valuetext');
  const seen = () => members.querySelector('[part~="chart-readout"]')!.textContent!.trim();
  expect(heard()).to.equal(`Nov 28, 2026: ${last} people`);
  if (seller.mode === 'keyboard') {
    await seller.tabTo(chart);
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowLeft' });
    await seller.settle();
    // 26 November was not counted: it carries the count of the 25th.
    expect(heard()).to.equal(`Nov 26, 2026: ${countOn(2)} people`);
    expect(seen()).to.equal(heard());
    await sendKeys({ press: 'Home' });
    await seller.settle();
    expect(heard()).to.equal(`Nov 18, 2026: ${first} people`);
  } else {
    // The pointer on 21 November: the chart's 90 days end today, 21 November is day 83 of 89.
    await seller.click(chart);
    const box = chart.getBoundingClientRect();
    const x = box.left + (82 / 89) * box.width;
    await sendMouse({
      type: 'move',
      position: [Math.round(x), Math.round(box.top + box.height / 2)],
    });
    await seller.settle();
    expect(heard()).to.equal(`Nov 21, 2026: ${countOn(7)} people`);
    expect(seen()).to.equal(heard());
  }

  await seller.activate(getByRole(members, 'button', { name: 'Show as a table' }));
  const table = getByRole(members, 'table', { name: 'Members over the last 90 days' });
  const days = getAllByRole(table, 'row')
    .slice(1)
    .map((r) => r.textContent!.replace(/\s+/g, ' ').trim());
  expect(days.length, 'one row a day since the first count').to.equal(11);
  expect(days[0]).to.equal(`Nov 28, 2026 ${last}`);
  expect(days[10]).to.equal(`Nov 18, 2026 ${first}`);
  await state(seller, walk, 'trend-members');
  // The members page is long: the chart and its table on their own, for a person to look at.
  await executeServerCommand('screenshot', {
    name: `journey-${walk.label}-trend-chart`,
    selector: 'segment-members [part~="trend"]',
  });
}

/** The list's trend sentence of the segment's row. */
function trendText(seller: Seller): string {
  const row = getAllByRole(seller.page.list.root, 'row').find((r) => r.textContent!.includes(NAME));
  return (row?.querySelector('[part~="trend-text"]')?.textContent ?? '').trim();
}
