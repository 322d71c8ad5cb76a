import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/segment-list/segment-list.ts';
import type { SegmentList } from '../../components/segment-list/segment-list.component.ts';
import type { ListSegmentsQuery, SegmentAdapter } from '../../src/core.ts';
import { compileFilter, PREDEFINED_SEGMENTS, RestAdapter, SegmentError } from '../../src/core.ts';
import { generateStore } from '../../src/testing/index.ts';
import { SegmentListHarness } from '../helpers/segment-list-harness.ts';
import { MemoryAdapter, seededStore, segment, withOverrides } from '../helpers/segment-fixtures.ts';
import { removeStores } from '../helpers/local-stores.ts';

async function listOn(adapter: SegmentAdapter): Promise<SegmentListHarness> {
  const element = await fixture<SegmentList>(
    html`<segment-list .adapter=${adapter}></segment-list>`,
  );
  return new SegmentListHarness(element);
}

afterEach(removeStores);

/** `count` segments named "Segment 0000", "Segment 0001", …, each counting its own number. */
const numbered = (count: number) =>
  Array.from({ length: count }, (_, i) =>
    segment(`s${i}`, `Segment ${String(i).padStart(4, '0')}`, { memberCount: i }),
  );

/**
 * The virtualizer's ResizeObserver may report a benign "loop completed" error (lit/lit
 * virtualizer: it sizes rows it has just added); anything else still fails the test.
 */
function allowResizeObserverLoop(): void {
  const original = window.onerror;
  window.onerror = (message, ...rest) =>
    /ResizeObserver loop/.test(String(message)) ? true : original?.call(window, message, ...rest);
  after(() => (window.onerror = original));
}

describe('<segment-list> on a seeded store', () => {
  it('lists the predefined segments first, typed, with their member counts', async () => {
    const adapter = await seededStore();
    await adapter.createSegment({
      name: 'Aardvark lovers',
      type: 'filter',
      filter: { combinator: 'and', rules: [{ field: 'city', operator: 'equals', value: 'Pune' }] },
    });
    const list = await listOn(adapter);
    await list.waitForRow('Aardvark lovers');
    const rows = list.rows();
    expect(rows.map((r) => r.name)).to.deep.equal([
      ...PREDEFINED_SEGMENTS.map((p) => p.name),
      'Aardvark lovers',
    ]);
    expect(rows.map((r) => r.type)).to.deep.equal([
      ...PREDEFINED_SEGMENTS.map(() => 'Predefined'),
      'Filter',
    ]);
    // Oracle: the generated data itself, not the adapter.
    const { customers, orders } = generateStore({ seed: 7, customers: 300, orders: 700 });
    const perCustomer = new Map<string, number>();
    for (const o of orders) perCustomer.set(o.customerId, (perCustomer.get(o.customerId) ?? 0) + 1);
    const firstTime = customers.filter((c) => perCustomer.get(c.id) === 1).length;
    expect(list.row('First Time Customers').users).to.equal(firstTime.toLocaleString('en'));
    expect(list.row('Top 10 High-Value Spenders').users).to.equal('10');
    const pune = customers.filter(
      compileFilter(
        { combinator: 'and', rules: [{ field: 'city', operator: 'equals', value: 'Pune' }] },
        { now: '2026-11-29', timeZone: 'Asia/Kolkata', defaultCountry: 'IN' },
      ),
    ).length;
    expect(list.row('Aardvark lovers').users).to.equal(pune.toLocaleString('en'));
  });

  it('selecting a row shows its total users and fires segment-select', async () => {
    const adapter = await seededStore();
    const list = await listOn(adapter);
    await list.waitForRow('Top 50 High-Value Spenders');
    const event = oneEvent(list.element, 'segment-select');
    list.button('Top 50 High-Value Spenders').click();
    expect((await event).detail.segment.id).to.equal('top-50-spenders');
    await list.element.updateComplete;
    expect(list.status()).to.equal('Top 50 High-Value Spenders: 50 users in total');
    expect(list.button('Top 50 High-Value Spenders').getAttribute('aria-pressed')).to.equal('true');
  });

  it('the Global tab lists the platform segments; arrows move between tabs with one tab stop', async () => {
    const adapter = await seededStore();
    const list = await listOn(adapter);
    await list.waitForRow('First Time Customers');
    const tabs = [list.tab('Segments'), list.tab('Global')];
    expect(tabs.map((t) => t.tabIndex)).to.deep.equal([0, -1]);
    tabs[0].focus();
    await sendKeys({ press: 'ArrowRight' });
    await list.waitForRow('Accepts marketing (all stores)');
    expect(list.selectedTab()).to.equal('Global');
    expect(list.focused()).to.equal(list.tab('Global'));
    expect(list.names()).to.deep.equal(['Accepts marketing (all stores)']);
    expect([list.tab('Segments').tabIndex, list.tab('Global').tabIndex]).to.deep.equal([-1, 0]);
    const panel = list.root.querySelector('[role=tabpanel]')!;
    expect(panel.getAttribute('aria-labelledby')).to.equal(list.tab('Global').id);
    await sendKeys({ press: 'ArrowRight' }); // wraps
    await list.waitForRow('First Time Customers');
    expect(list.selectedTab()).to.equal('Segments');
    await sendKeys({ press: 'End' });
    await list.element.updateComplete;
    expect(list.selectedTab()).to.equal('Global');
  });

  it('ArrowLeft on the first tab wraps to the last; Home returns to the first', async () => {
    const adapter = await seededStore();
    const list = await listOn(adapter);
    await list.waitForRow('First Time Customers');
    list.tab('Segments').focus();
    await sendKeys({ press: 'ArrowLeft' }); // wraps backwards
    await list.waitForRow('Accepts marketing (all stores)');
    expect(list.selectedTab()).to.equal('Global');
    expect(list.focused()).to.equal(list.tab('Global'));
    await sendKeys({ press: 'ArrowLeft' });
    await list.waitForRow('First Time Customers');
    expect(list.selectedTab()).to.equal('Segments');
    expect(list.focused()).to.equal(list.tab('Segments'));
    await sendKeys({ press: 'End' });
    await list.waitForRow('Accepts marketing (all stores)');
    await sendKeys({ press: 'Home' });
    await list.waitForRow('First Time Customers');
    expect(list.selectedTab()).to.equal('Segments');
    expect(list.focused()).to.equal(list.tab('Segments'));
  });

  it('lists a segment the backend sent broken as a row that cannot be shown, offering Delete only', async () => {
    let deep: unknown = { field: 'city', operator: 'equals', value: 'Pune' };
    for (let i = 0; i < 1_000; i++) deep = { combinator: 'and', rules: [deep] };
    const good = {
      id: 'pune',
      name: 'Pune buyers',
      type: 'filter',
      scope: 'store',
      filter: { combinator: 'and', rules: [{ field: 'city', operator: 'equals', value: 'Pune' }] },
      memberCount: 12,
      readOnly: false,
      version: 1,
      createdAt: '2026-11-01T10:00:00.000Z',
      updatedAt: '2026-11-01T10:00:00.000Z',
    };
    let items: unknown[] = [good, { ...good, id: 'deep', name: 'Nested deep', filter: deep }];
    const deleted: string[] = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const url = String(input);
      if (init?.method === 'DELETE') {
        deleted.push(decodeURIComponent(url.slice(url.lastIndexOf('/') + 1)));
        items = items.filter((s) => (s as { id: string }).id !== deleted.at(-1));
        return new Response(null, { status: 204 });
      }
      return new Response(JSON.stringify({ items, total: items.length }), { status: 200 });
    };
    const list = await listOn(new RestAdapter({ baseUrl: 'https://shop.example/api', fetch }));
    await list.waitForRow('Nested deep');
    expect(list.rows()).to.deep.equal([
      { name: 'Pune buyers', type: 'Filter', users: '12' },
      { name: 'Nested deep', type: 'Cannot be shown', users: '—Not counted yet' },
    ]);
    list.menuButton('Nested deep').click();
    await list.element.updateComplete;
    expect(list.menuItems()).to.deep.equal(['Delete']);
    list.menuButton('Nested deep').click(); // closes it again
    await list.element.updateComplete;
    await list.choose('Nested deep', 'Delete');
    await list.confirmDelete();
    await waitUntil(() => !list.names().includes('Nested deep'), 'the row stayed');
    expect(deleted).to.deep.equal(['deep']);
    expect(list.names()).to.deep.equal(['Pune buyers']);
  });

  it('the read-only rows offer Duplicate only; the copy is editable and announced', async () => {
    const adapter = await seededStore();
    const list = await listOn(adapter);
    await list.waitForRow('Top 10 High-Value Spenders');
    list.menuButton('Top 10 High-Value Spenders').click();
    await list.element.updateComplete;
    expect(list.menuItems()).to.deep.equal(['Duplicate', 'View members', 'Export CSV']);
    const duplicated = oneEvent(list.element, 'segment-duplicated');
    list.root.querySelector<HTMLElement>('[role=menuitem]')!.click();
    const copy = (await duplicated).detail.segment;
    expect(copy.name).to.equal('Top 10 High-Value Spenders (copy)');
    const row = await list.waitForRow('Top 10 High-Value Spenders (copy)');
    expect(row).to.deep.equal({ name: copy.name, type: 'Filter', users: '10' });
    list.menuButton(copy.name).click();
    await list.element.updateComplete;
    expect(list.menuItems()).to.deep.equal([
      'Edit',
      'Duplicate',
      'View members',
      'Export CSV',
      'Delete',
    ]);
  });

  it('Delete asks first; Cancel keeps the segment, Delete removes it and fires segment-deleted', async () => {
    const adapter = await seededStore();
    const kept = await adapter.createSegment({
      name: 'Pune shoppers',
      type: 'filter',
      filter: { combinator: 'and', rules: [{ field: 'city', operator: 'equals', value: 'Pune' }] },
    });
    const list = await listOn(adapter);
    await list.waitForRow('Pune shoppers');
    await list.choose('Pune shoppers', 'Delete');
    await waitUntil(() => list.dialog(), 'no dialog');
    expect(list.dialog()!.textContent).to.contain('"Pune shoppers" will be deleted');
    list.button('Cancel').click();
    await waitUntil(() => !list.dialog(), 'dialog stayed open');
    expect(list.names()).to.include('Pune shoppers');
    await waitUntil(
      () => list.focused() === list.menuButton('Pune shoppers'),
      'focus did not return to the menu button',
    );

    await list.choose('Pune shoppers', 'Delete');
    const deleted = oneEvent(list.element, 'segment-deleted');
    await list.confirmDelete();
    expect((await deleted).detail.id).to.equal(kept.id);
    await list.waitFor(() => !list.names().includes('Pune shoppers'), 'the row stayed');
  });
});

describe('<segment-list> keyboard and states', () => {
  const some = () => [
    segment('a', 'Festive buyers', { memberCount: 1234 }),
    segment('b', 'Lapsed', { memberCount: null }),
    segment('g', 'Everyone (platform)', { scope: 'global', readOnly: true, memberCount: 5 }),
  ];

  it('shows "—" for a count not known yet and says so to screen readers', async () => {
    const list = await listOn(new MemoryAdapter(some()).asAdapter());
    const row = await list.waitForRow('Lapsed');
    expect(row.users).to.equal('—Not counted yet');
    expect(list.row('Festive buyers').users).to.equal('1,234');
  });

  it('puts predefined segments first whatever order the adapter answers in', async () => {
    const list = await listOn(
      new MemoryAdapter([
        ...some(),
        segment('p', 'Returning Customers', { type: 'predefined', readOnly: true, memberCount: 9 }),
      ]).asAdapter(),
    );
    await list.waitForRow('Returning Customers');
    expect(list.names()).to.deep.equal(['Returning Customers', 'Festive buyers', 'Lapsed']);
    expect(list.row('Returning Customers').type).to.equal('Predefined');
  });

  it('counts refresh when the adapter says segments changed (another tab, an import)', async () => {
    const adapter = new MemoryAdapter(some());
    const list = await listOn(adapter.asAdapter());
    await list.waitForRow('Lapsed');
    adapter.segments[1].memberCount = 42;
    adapter.changed();
    await list.waitFor(() => list.row('Lapsed').users === '42', 'the count never refreshed');
    expect(list.row('Festive buyers').users).to.equal('1,234');
  });

  it('the menu button opens with Enter, arrows move, Escape closes and returns focus', async () => {
    const list = await listOn(new MemoryAdapter(some()).asAdapter());
    await list.waitForRow('Lapsed');
    const button = list.menuButton('Lapsed');
    button.focus();
    await sendKeys({ press: 'Enter' });
    await list.element.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(list.focused()?.textContent?.trim()).to.equal('Edit');
    await sendKeys({ press: 'ArrowDown' });
    expect(list.focused()?.textContent?.trim()).to.equal('Duplicate');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' }); // wraps to the last
    expect(list.focused()?.textContent?.trim()).to.equal('Delete');
    await sendKeys({ press: 'Escape' });
    await list.element.updateComplete;
    expect(list.menuItems()).to.deep.equal([]);
    expect(list.focused()).to.equal(button);
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    await sendKeys({ press: 'ArrowUp' }); // opens on the last item
    await list.element.updateComplete;
    expect(list.focused()?.textContent?.trim()).to.equal('Delete');
    const edit = oneEvent(list.element, 'segment-edit');
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'Enter' });
    expect((await edit).detail.segment.id).to.equal('b');
  });

  it('an open menu stays open and keeps focus when the page scrolls, and moves with its button', async () => {
    const list = await listOn(new MemoryAdapter(some()).asAdapter());
    await list.waitForRow('Lapsed');
    // Room to scroll: the page is taller than the window.
    const spacer = document.body.appendChild(document.createElement('div'));
    spacer.style.height = '3000px';
    try {
      const button = list.menuButton('Lapsed');
      button.focus();
      await sendKeys({ press: 'ArrowDown' });
      await list.element.updateComplete;
      const menu = list.root.querySelector<HTMLElement>('[role=menu]')!;
      const before = menu.getBoundingClientRect().top;

      window.scrollBy(0, 40);
      await new Promise((resolve) => window.addEventListener('scroll', resolve, { once: true }));
      await list.element.updateComplete;

      expect(list.focused()?.textContent?.trim()).to.equal('Edit');
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      const moved = list.root
        .querySelector<HTMLElement>('[role=menu]')!
        .getBoundingClientRect().top;
      expect(Math.round(before - moved)).to.equal(40);
    } finally {
      spacer.remove();
      window.scrollTo(0, 0);
    }
  });

  it('search filters as you type, once per pause, and each tab keeps its own query', async () => {
    const adapter = new MemoryAdapter(some());
    const list = await listOn(adapter.asAdapter());
    await list.waitForRow('Lapsed');
    const before = adapter.calls.listSegments;
    await list.typeSearch('fest');
    await list.waitFor(() => list.names().join() === 'Festive buyers', 'search did not filter');
    expect(adapter.calls.listSegments - before).to.equal(1);
    expect(adapter.searches.at(-1)).to.equal('fest');

    list.tab('Global').click();
    await list.waitForRow('Everyone (platform)');
    expect(list.search().value).to.equal('');
    list.tab('Segments').click();
    await list.waitFor(() => list.names().join() === 'Festive buyers', 'the query was lost');
    expect(list.search().value).to.equal('fest');

    await list.typeSearch('zzz');
    await list.waitFor(() => list.status() === 'No segment matches "festzzz".', 'no empty state');
    expect(list.rows()).to.deep.equal([]);
  });

  it('a failed load says why and Retry loads again', async () => {
    const adapter = new MemoryAdapter(some());
    adapter.failNext('listSegments', 'unavailable');
    const list = await listOn(adapter.asAdapter());
    await waitUntil(() => list.alerts().length > 0, 'no error shown');
    expect(list.alerts()[0]).to.contain('could not be reached');
    list.button('Retry').click();
    await list.waitForRow('Lapsed');
    expect(list.alerts()).to.deep.equal([]);
  });

  it('says when a store has no segments, and "Add New" asks for one', async () => {
    const list = await listOn(new MemoryAdapter([]).asAdapter());
    await list.waitFor(() => list.status().startsWith('No segments yet'), 'no empty state');
    const add = oneEvent(list.element, 'segment-add');
    list.button('Add New').click();
    await add;
  });

  it('a delete that fails shows the reason and keeps the row', async () => {
    const adapter = new MemoryAdapter(some());
    adapter.failNext('deleteSegment', 'not-found');
    const list = await listOn(adapter.asAdapter());
    await list.waitForRow('Lapsed');
    await list.choose('Lapsed', 'Delete');
    await list.confirmDelete();
    await waitUntil(() => list.alerts().length > 0, 'no error');
    expect(list.alerts()[0]).to.contain('no longer exists');
    expect(list.names()).to.include('Lapsed');
  });

  it('5,000 segments: only the rows on screen are rendered, and scrolling reaches the last', async () => {
    allowResizeObserverLoop();
    const list = await listOn(new MemoryAdapter(numbered(5_000)).asAdapter());
    await list.waitForRow('Segment 0000');
    expect(list.status()).to.equal('5,000 segments');
    const rendered = list.root.querySelectorAll('.body [role=row]').length;
    expect(rendered).to.be.greaterThan(3).and.lessThan(200);
    const table = list.root.querySelector('[role=table]')!;
    expect(table.getAttribute('aria-rowcount')).to.equal('5001');
    window.scrollTo(0, document.documentElement.scrollHeight);
    await waitUntil(() => list.names().includes('Segment 4999'), 'the last row never rendered');
    window.scrollTo(0, 0);
  });

  it('a long list shows its first page while the later pages load; a refresh keeps the whole list', async () => {
    allowResizeObserverLoop();
    const memory = new MemoryAdapter(numbered(1_200));
    // Pages after the first wait while `held` is set: a slow network for the rest of the list.
    let held: Promise<void> | undefined;
    let release = () => {};
    const hold = () => {
      held = new Promise((resolve) => {
        release = () => {
          held = undefined;
          resolve();
        };
      });
    };
    let asked = 0;
    const adapter = withOverrides(memory.asAdapter(), {
      listSegments: async (q: ListSegmentsQuery) => {
        asked += 1;
        if (q.cursor && held) await held;
        return memory.listSegments(q);
      },
    });
    const table = () => list.root.querySelector('[role=table]');

    hold();
    const list = await listOn(adapter);
    await waitUntil(() => list.names().includes('Segment 0000'), 'the first page never showed');
    expect(list.status()).to.equal('1,200 segments');
    expect(table()!.getAttribute('aria-busy')).to.equal('true');
    expect(table()!.getAttribute('aria-rowcount')).to.equal('201');

    release();
    await list.waitFor(
      () => table()?.getAttribute('aria-rowcount') === '1201',
      'the later pages never arrived',
    );

    // Another tab changed a count: the list asks again, and shows the whole old list meanwhile.
    hold();
    memory.segments[0].memberCount = 7;
    const before = asked;
    memory.changed();
    await waitUntil(() => asked === before + 2, 'the refresh never asked for page 2');
    await list.element.updateComplete;
    expect(table()!.getAttribute('aria-rowcount')).to.equal('1201');
    expect(list.row('Segment 0000').users).to.equal('0');
    release();
    await list.waitFor(() => list.row('Segment 0000').users === '7', 'the refresh never showed');
    expect(table()!.getAttribute('aria-rowcount')).to.equal('1201');
  });

  it('a later page that fails takes the first page away with it: the error and Retry show', async () => {
    allowResizeObserverLoop();
    const memory = new MemoryAdapter(numbered(1_200));
    let failPage2 = true;
    const adapter = withOverrides(memory.asAdapter(), {
      listSegments: async (q: ListSegmentsQuery) => {
        if (q.cursor === '200' && failPage2) {
          failPage2 = false;
          throw new SegmentError('unavailable', 'offline');
        }
        return memory.listSegments(q);
      },
    });
    const list = await listOn(adapter);
    await waitUntil(() => list.alerts().length > 0, 'no error shown');
    expect(list.alerts()[0]).to.contain('could not be reached');
    expect(list.names()).to.deep.equal([]);
    list.button('Retry').click();
    await list.waitFor(
      () => list.root.querySelector('[role=table]')?.getAttribute('aria-rowcount') === '1201',
      'Retry never loaded the whole list',
    );
    expect(list.alerts()).to.deep.equal([]);
  });
});
