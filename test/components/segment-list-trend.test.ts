import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/segment-list/segment-list.ts';
import type { SegmentList } from '../../components/segment-list/segment-list.component.ts';
import { SegmentError } from '../../src/core.ts';
import type { HistoryPoint } from '../../components/shared/trend.ts';
import { MemoryAdapter, segment } from '../helpers/segment-fixtures.ts';
import { getAllByRole, getByRole, queryByRole } from '../helpers/queries.ts';

/** A MemoryAdapter whose histories the test writes, recording every question and its signal. */
class HistoryAdapter extends MemoryAdapter {
  readonly asked: { id: string; days: number; signal?: AbortSignal }[] = [];
  histories = new Map<string, HistoryPoint[] | SegmentError>();
  /** While set, answers wait for it. */
  hold?: Promise<void>;

  async countHistory(id: string, q: { days: number }, o: { signal?: AbortSignal } = {}) {
    this.asked.push({ id, days: q.days, signal: o.signal });
    await this.hold;
    const history = this.histories.get(id) ?? [];
    if (history instanceof SegmentError) throw history;
    return history;
  }
}

const days = (...counts: number[]): HistoryPoint[] =>
  counts.map((count, i) => ({ date: `2026-03-${String(i + 1).padStart(2, '0')}`, count }));

async function listOn(adapter: HistoryAdapter): Promise<SegmentList> {
  return fixture<SegmentList>(html`<segment-list .adapter=${adapter.asAdapter()}></segment-list>`);
}

const rowOf = (list: SegmentList, name: string) =>
  getAllByRole(list.shadowRoot!, 'row').find((row) => row.textContent!.includes(name))!;
/** The Trend cell as a screen reader reads it (the sparkline is hidden from it). */
const trendOf = (list: SegmentList, name: string) => {
  const cell = getAllByRole(rowOf(list, name), 'cell')[4]!;
  return cell.querySelector('svg')?.getAttribute('aria-hidden') === 'true' ||
    !cell.querySelector('svg')
    ? cell.textContent!.replace(/\s+/g, ' ').trim()
    : 'SVG NOT HIDDEN';
};

describe('<segment-list> trends', () => {
  it('shows each row its 30 days in words beside a sparkline, asked for only after the rows painted', async () => {
    const adapter = new HistoryAdapter([
      segment('a', 'Growing', { memberCount: 112 }),
      segment('b', 'Shrinking', { memberCount: 194 }),
      segment('c', 'New', { memberCount: 5 }),
    ]);
    adapter.histories.set('a', [
      { date: '2026-02-27', count: 100 },
      { date: '2026-03-29', count: 112 },
    ]);
    adapter.histories.set('b', [
      { date: '2026-03-01', count: 200 },
      { date: '2026-03-31', count: 194 },
    ]);
    adapter.histories.set('c', days(5));
    const list = await listOn(adapter);
    await waitUntil(() => queryByRole(list.shadowRoot!, 'table') !== null, 'rows shown');
    expect(adapter.asked, 'no history before the rows are on screen').to.deep.equal([]);
    expect(getByRole(list.shadowRoot!, 'columnheader', { name: 'Trend' })).to.not.equal(null);
    await waitUntil(() => trendOf(list, 'Growing') !== '', 'trends shown');
    await waitUntil(() => trendOf(list, 'New') !== '', 'trends shown');
    expect(trendOf(list, 'Growing')).to.equal('up 12% in 30 days');
    expect(trendOf(list, 'Shrinking')).to.equal('down 3% in 30 days');
    expect(trendOf(list, 'New')).to.equal('Not enough history yet');
    expect(adapter.asked.map((q) => [q.id, q.days])).to.have.deep.members([
      ['a', 31],
      ['b', 31],
      ['c', 31],
    ]);
    expect(rowOf(list, 'Growing').querySelector('svg path')!.getAttribute('d')).to.match(/^M.*L/);
  });

  it('a history that fails is said quietly in its row; the other rows and the list go on', async () => {
    const adapter = new HistoryAdapter([
      segment('a', 'Fine', { memberCount: 2 }),
      segment('b', 'Broken', { memberCount: 3 }),
    ]);
    adapter.histories.set('a', days(1, 2));
    adapter.histories.set('b', new SegmentError('unavailable', 'offline'));
    const list = await listOn(adapter);
    await waitUntil(() => trendOf(list, 'Broken') !== '' && trendOf(list, 'Fine') !== '', 'shown');
    expect(trendOf(list, 'Broken')).to.equal('Trend unavailable');
    expect(trendOf(list, 'Fine')).to.equal('up 100% in 1 day');
    expect(queryByRole(list.shadowRoot!, 'alert')).to.equal(null);
  });

  it('an adapter without countHistory (written before it) lists as before, trends said unavailable', async () => {
    const adapter = new MemoryAdapter([segment('a', 'Old adapter', { memberCount: 2 })]);
    const list = await fixture<SegmentList>(
      html`<segment-list .adapter=${adapter.asAdapter()}></segment-list>`,
    );
    await waitUntil(() => trendOf(list, 'Old adapter') !== '', 'said');
    expect(trendOf(list, 'Old adapter')).to.equal('Trend unavailable');
    expect(getAllByRole(rowOf(list, 'Old adapter'), 'cell')[2]!.textContent!.trim()).to.equal('2');
  });

  it('asks nothing for a segment still importing', async () => {
    const adapter = new HistoryAdapter([
      segment('a', 'Ready', { memberCount: 2 }),
      segment('b', 'Uploading', { memberCount: null, status: 'importing' }),
    ]);
    adapter.histories.set('a', days(2, 2));
    const list = await listOn(adapter);
    await waitUntil(() => trendOf(list, 'Ready') !== '', 'shown');
    expect(trendOf(list, 'Ready')).to.equal('no change in 1 day');
    expect(adapter.asked.map((q) => q.id)).to.deep.equal(['a']);
    expect(trendOf(list, 'Uploading')).to.equal('');
  });

  it('asks a few at a time and aborts what is pending when the list leaves the page', async () => {
    const adapter = new HistoryAdapter(
      Array.from({ length: 12 }, (_, i) => segment(`s${i}`, `Segment ${i}`, { memberCount: i })),
    );
    let release!: () => void;
    adapter.hold = new Promise((resolve) => (release = resolve));
    const list = await listOn(adapter);
    await waitUntil(() => adapter.asked.length > 0, 'asked');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(adapter.asked.length).to.equal(4);
    list.remove();
    expect(adapter.asked.every((q) => q.signal?.aborted)).to.equal(true);
    release();
  });
});
