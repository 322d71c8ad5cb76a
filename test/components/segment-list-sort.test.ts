import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../components/segment-list/segment-list.ts';
import type { SegmentList } from '../../components/segment-list/segment-list.component.ts';
import { translationLoaded } from '../../components/shared/localize.ts';
import type { Segment } from '../../src/core.ts';
import { SegmentListHarness } from '../helpers/segment-list-harness.ts';
import { MemoryAdapter, segment } from '../helpers/segment-fixtures.ts';
import { accessibleDescription, getAllByRole, getByRole, isShown } from '../helpers/queries.ts';

/** The fixed "now" every relative time here is measured from. */
const NOW = new Date('2026-12-07T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const MINUTE = 60_000;
const DAY = 86_400_000;

/** A predefined segment as the adapters list it: read-only, stamped at the epoch. */
const predefined = (id: string, name: string, memberCount: number) =>
  segment(id, name, {
    type: 'predefined',
    readOnly: true,
    memberCount,
    createdAt: '1970-01-01T00:00:00.000Z',
    updatedAt: '1970-01-01T00:00:00.000Z',
  });

/**
 * A store where "Banana" and "apple" tie on users, "Cherry" is not counted yet, and the
 * predefined "Zeta spenders" has no update date.
 */
const store = (): Segment[] => [
  predefined('zeta', 'Zeta spenders', 40),
  segment('b', 'Banana', { memberCount: 12, updatedAt: ago(3 * DAY) }),
  segment('c', 'Cherry', { memberCount: null, updatedAt: ago(5 * MINUTE) }),
  segment('a', 'apple', { memberCount: 12, updatedAt: ago(1 * DAY) }),
  segment('d', 'Éclair', { memberCount: 7, updatedAt: ago(40 * DAY) }),
];

async function listOn(segments: Segment[], lang = 'en'): Promise<SegmentListHarness> {
  const adapter = new MemoryAdapter(segments).asAdapter();
  const element = await fixture<SegmentList>(
    html`<segment-list
      lang=${lang}
      time-zone="UTC"
      .now=${NOW}
      .adapter=${adapter}
    ></segment-list>`,
  );
  const list = new SegmentListHarness(element);
  await waitUntil(() => list.rows().length === segments.length, 'rows listed', { timeout: 5000 });
  return list;
}

const header = (list: SegmentListHarness, name: string) =>
  getAllByRole(list.root, 'columnheader').find(
    (h) => getAllByRole(h, 'button', { name })[0] !== undefined,
  )!;

async function press(list: SegmentListHarness, column: string): Promise<void> {
  list.button(column).click();
  await list.element.updateComplete;
}

/** The Updated cell of each row, as read: its text (what a screen reader says). */
const updatedCells = (list: SegmentListHarness) =>
  getAllByRole(getByRole(list.root, 'table'), 'row')
    .slice(1)
    .map((row) => getAllByRole(row, 'cell')[3]);

describe('<segment-list> Updated column', () => {
  it('says how long ago each segment changed, with the exact time as its description', async () => {
    const list = await listOn(store());
    expect(getAllByRole(list.root, 'columnheader').map((h) => h.textContent!.trim())).to.include(
      'Updated↕',
    );
    const cells = updatedCells(list);
    const byName = Object.fromEntries(
      list.names().map((name, i) => [name, cells[i].textContent!.replace(/\s+/g, ' ').trim()]),
    );
    expect(byName['Banana']).to.match(/^3 days ago/);
    expect(byName['apple']).to.match(/^yesterday/);
    expect(byName['Cherry']).to.match(/^5 minutes ago/);
    expect(byName['Éclair']).to.match(/^1 month ago/);
    // Predefined: a dash for the eye, words for a screen reader.
    const zeta = cells[list.names().indexOf('Zeta spenders')];
    expect(zeta.querySelector('[aria-hidden=true]')!.textContent).to.equal('—');
    expect(zeta.textContent).to.contain('No update date');
    expect(zeta.querySelector('time')).to.equal(null);

    const time = cells[list.names().indexOf('Banana')].querySelector('time')!;
    expect(time.getAttribute('datetime')).to.equal('2026-12-04T12:00:00.000Z');
    const exact = accessibleDescription(time);
    expect(exact).to.contain('December').and.contain('2026').and.contain('4').and.contain('12:00');
    // Reached by keyboard, and then the exact time shows.
    const tooltip = time.nextElementSibling as HTMLElement;
    expect(tooltip.getAttribute('role')).to.equal('tooltip');
    expect(isShown(tooltip)).to.equal(false);
    expect(time.tabIndex).to.equal(0);
    time.focus();
    await sendKeys({ press: 'Shift+Tab' });
    await sendKeys({ press: 'Tab' });
    expect(list.root.activeElement).to.equal(time);
    expect(isShown(tooltip)).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await list.element.updateComplete;
    expect(isShown(tooltip)).to.equal(false);
  });

  it('speaks Hindi: relative times and the column name', async () => {
    await translationLoaded('hi');
    const list = await listOn(store(), 'hi');
    const texts = updatedCells(list).map((c) => c.textContent!.replace(/\s+/g, ' ').trim());
    expect(texts[list.names().indexOf('Banana')]).to.match(/^3 दिन पहले/);
    expect(texts[list.names().indexOf('Cherry')]).to.match(/^5 मिनट पहले/);
    expect(texts[list.names().indexOf('Zeta spenders')]).to.contain('अपडेट की कोई तारीख नहीं');
    expect(header(list, 'अपडेट↕').getAttribute('aria-sort')).to.equal('none');
  });
});

describe('<segment-list> sorting', () => {
  it('starts in the adapter order, predefined first, with no column sorted', async () => {
    const list = await listOn(store());
    expect(list.names()).to.deep.equal(['Zeta spenders', 'Banana', 'Cherry', 'apple', 'Éclair']);
    const sorts = getAllByRole(list.root, 'columnheader')
      .filter((h) => h.hasAttribute('aria-sort'))
      .map((h) => h.getAttribute('aria-sort'));
    expect(sorts).to.deep.equal(['none', 'none', 'none']);
  });

  it('sorts by name A to Z, then Z to A, whatever the case or accents, predefined included', async () => {
    const list = await listOn(store());
    await press(list, 'Name↕');
    expect(list.names()).to.deep.equal(['apple', 'Banana', 'Cherry', 'Éclair', 'Zeta spenders']);
    expect(header(list, 'Name▲').getAttribute('aria-sort')).to.equal('ascending');
    expect(header(list, 'Users↕').getAttribute('aria-sort')).to.equal('none');
    await press(list, 'Name▲');
    expect(list.names()).to.deep.equal(['Zeta spenders', 'Éclair', 'Cherry', 'Banana', 'apple']);
    expect(header(list, 'Name▼').getAttribute('aria-sort')).to.equal('descending');
  });

  it('sorts by users, most first then fewest, ties by name, uncounted last both ways', async () => {
    const list = await listOn(store());
    await press(list, 'Users↕');
    expect(list.names()).to.deep.equal(['Zeta spenders', 'apple', 'Banana', 'Éclair', 'Cherry']);
    expect(header(list, 'Users▼').getAttribute('aria-sort')).to.equal('descending');
    expect(header(list, 'Name↕').getAttribute('aria-sort')).to.equal('none');
    await press(list, 'Users▼');
    expect(list.names()).to.deep.equal(['Éclair', 'apple', 'Banana', 'Zeta spenders', 'Cherry']);
    expect(header(list, 'Users▲').getAttribute('aria-sort')).to.equal('ascending');
  });

  it('sorts by updated, newest first then oldest, undated predefined last both ways', async () => {
    const list = await listOn([
      ...store(),
      // Same instant as Banana: the tie goes by name.
      segment('e', 'Aubergine', { memberCount: 1, updatedAt: ago(3 * DAY) }),
    ]);
    await press(list, 'Updated↕');
    expect(list.names()).to.deep.equal([
      'Cherry',
      'apple',
      'Aubergine',
      'Banana',
      'Éclair',
      'Zeta spenders',
    ]);
    expect(header(list, 'Updated▼').getAttribute('aria-sort')).to.equal('descending');
    await press(list, 'Updated▼');
    expect(list.names()).to.deep.equal([
      'Éclair',
      'Aubergine',
      'Banana',
      'apple',
      'Cherry',
      'Zeta spenders',
    ]);
    expect(header(list, 'Updated▲').getAttribute('aria-sort')).to.equal('ascending');
  });

  it('sorts from the keyboard: Tab to a header, Enter, then Space reverses', async () => {
    const list = await listOn(store());
    list.search().focus();
    // Search, then the Name header's button.
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(list.root.activeElement?.textContent?.trim()).to.equal('Name↕');
    await sendKeys({ press: 'Enter' });
    await list.element.updateComplete;
    expect(list.names()[0]).to.equal('apple');
    await sendKeys({ press: ' ' });
    await list.element.updateComplete;
    expect(list.names()[0]).to.equal('Zeta spenders');
    expect(header(list, 'Name▼').getAttribute('aria-sort')).to.equal('descending');
  });
});

describe('<segment-list> at 360 px', () => {
  afterEach(() => setViewport({ width: 1280, height: 900 }));

  it('shows cards and a Sort by select in place of the hidden headers', async () => {
    await setViewport({ width: 360, height: 740 });
    const list = await listOn(store());
    const select = getByRole(list.root, 'combobox', { name: /Sort by/ }) as HTMLSelectElement;
    // By keyboard: Add New, then the select; the hidden header buttons are skipped.
    list.button('Add New').focus();
    await sendKeys({ press: 'Tab' });
    expect(list.root.activeElement).to.equal(select);
    await sendKeys({ press: 'Tab' });
    expect(list.root.activeElement?.localName).to.equal('button');
    expect(list.root.activeElement?.getAttribute('part')).to.not.equal('sort-button');
    select.value = 'users ascending';
    select.dispatchEvent(new Event('change'));
    await list.element.updateComplete;
    expect(list.names()).to.deep.equal(['Éclair', 'apple', 'Banana', 'Zeta spenders', 'Cherry']);
    // The headers still tell a screen reader the order.
    expect(header(list, 'Users▲').getAttribute('aria-sort')).to.equal('ascending');
    // Each card: the name alone on its line, type, users and updated beneath, menu reachable.
    const row = getAllByRole(getByRole(list.root, 'table'), 'row')[1];
    const [name, type, users, updated] = getAllByRole(row, 'cell').map((c) =>
      c.getBoundingClientRect(),
    );
    expect(type.top).to.be.greaterThan(name.bottom - 1);
    expect(Math.abs(users.top - type.top)).to.be.lessThan(8);
    expect(Math.abs(updated.top - type.top)).to.be.lessThan(8);
    expect(updated.right).to.be.at.most(row.getBoundingClientRect().right);
    const menu = getByRole(row, 'button', { name: 'Actions for Éclair' }).getBoundingClientRect();
    expect(menu.right).to.be.at.most(360);
    expect(menu.width).to.be.at.least(24);
    select.value = '';
    select.dispatchEvent(new Event('change'));
    await list.element.updateComplete;
    expect(list.names()[0]).to.equal('Zeta spenders');
  });
});
