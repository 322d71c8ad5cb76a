import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/segment-members/segment-members.ts';
import type { SegmentMembers } from '../../components/segment-members/segment-members.component.ts';
import type { SegmentAdapter } from '../../src/core.ts';
import { generateStore } from '../../src/testing/generate-store.ts';
import { removeStores } from '../helpers/local-stores.ts';
import { seededStore } from '../helpers/segment-fixtures.ts';
import { getAllByRole, getByRole, queryByRole } from '../helpers/queries.ts';
import { allowResizeObserverLoop } from '../helpers/resize-observer.ts';

/** The customers seededStore() imports, to count what the page should show by hand. */
const { customers } = generateStore({ seed: 7, customers: 300, orders: 700 });

async function open(adapter: SegmentAdapter, segmentId: string): Promise<SegmentMembers> {
  const element = await fixture<SegmentMembers>(
    html`<segment-members .adapter=${adapter} segment-id=${segmentId}></segment-members>`,
  );
  await waitUntil(() => /Showing|no members/.test(status(element)), 'members listed', {
    timeout: 10_000,
  });
  return element;
}

const root = (element: SegmentMembers) => element.shadowRoot!;
const status = (element: SegmentMembers) =>
  [...root(element).querySelectorAll('[part~="status"]')]
    .map((p) => p.textContent!.trim())
    .join(' | ');
const rows = (element: SegmentMembers) =>
  getAllByRole(root(element), 'row').filter((r) => !r.classList.contains('head'));
/** What each cell shows (the labels phones show before a value are hidden on a desktop). */
const cells = (row: HTMLElement) =>
  getAllByRole(row, 'cell').map((c) => c.innerText.replace(/\s+/g, ' ').trim());

const ruleSentence = (element: SegmentMembers) =>
  root(element)
    .querySelector('filter-builder')!
    .shadowRoot!.querySelector('[part~="summary"]')!
    .textContent!.replace(/\s+/g, ' ')
    .trim();

async function search(element: SegmentMembers, text: string): Promise<void> {
  const box = getByRole(root(element), 'textbox', { name: 'Search members' }) as HTMLInputElement;
  box.value = text;
  box.dispatchEvent(new Event('input'));
  box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
}

afterEach(removeStores);

describe('<segment-members>', () => {
  it('shows a filter segment’s name, type, rule in words, count and its members', async () => {
    const adapter = await seededStore();
    const pune = await adapter.createSegment({
      name: 'Pune shoppers',
      type: 'filter',
      filter: { combinator: 'and', rules: [{ field: 'city', operator: 'equals', value: 'pune' }] },
    });
    const element = await open(adapter, pune.id);
    const want = customers.filter((c) => c.city?.toLowerCase() === 'pune');
    expect(want.length).to.be.greaterThan(0);
    expect(getByRole(root(element), 'heading', { name: 'Pune shoppers' }).textContent).to.not.equal(
      null,
    );
    expect(root(element).textContent).to.include('Filter segment');
    expect(status(element)).to.include(`${want.length} members of 300 customers`);
    expect(ruleSentence(element)).to.match(/City is pune/i);
    const table = getByRole(root(element), 'table', { name: 'Members' });
    expect(getAllByRole(table, 'columnheader').map((h) => h.textContent!.trim())).to.deep.equal([
      'Name',
      'Email',
      'Phone',
      'City',
      'Orders',
      'Total spent',
      'Created on',
    ]);
    const names = rows(element).map((r) => cells(r)[0]);
    expect(names.sort()).to.deep.equal(want.map((c) => c.name ?? '—').sort());
    expect(status(element)).to.include(`Showing ${want.length} of ${want.length}.`);
  });

  it('says what a predefined or a global segment is, and never offers to change its rule', async () => {
    const adapter = await seededStore();
    const top = await open(adapter, 'top-10-spenders');
    expect(root(top).textContent).to.include('A predefined segment is kept up to date');
    expect(status(top)).to.include('10 members of 300 customers');
    expect(
      queryByRole(root(top).querySelector('filter-builder')!.shadowRoot!, 'button', {
        name: 'Add filter',
      }),
    ).to.equal(null);
    const global = await open(adapter, 'global-opt-in');
    expect(root(global).textContent).to.include('A global segment is defined for every store');
    const consenting = customers.filter((c) => c.acceptsMarketing === true).length;
    expect(status(global)).to.include(`${consenting} members of 300 customers`);
  });

  it('pages through members past the first 200 and searches all of them', async () => {
    allowResizeObserverLoop();
    const adapter = await seededStore();
    const everyone = await adapter.createSegment({
      name: 'Everyone',
      type: 'filter',
      filter: { combinator: 'and', rules: [{ field: 'createdOn', operator: 'isNotEmpty' }] },
    });
    const element = await open(adapter, everyone.id);
    expect(status(element)).to.include('Showing 200 of 300.');
    getByRole(root(element), 'button', { name: 'Show more members' }).click();
    await waitUntil(() => status(element).includes('Showing 300 of 300.'), 'second page');
    expect(queryByRole(root(element), 'button', { name: 'Show more members' })).to.equal(null);

    // A member from the end of the list, found by email in capitals.
    const last = customers.filter((c) => c.email).at(-1)!;
    const fresh = await open(adapter, everyone.id);
    await search(fresh, last.email!.toUpperCase());
    await waitUntil(() => status(fresh).includes('matches'), 'search result', { timeout: 10_000 });
    expect(status(fresh)).to.include(`1 member matches "${last.email!.toUpperCase()}".`);
    expect(cells(rows(fresh)[0]!)).to.include(last.email!);

    await search(fresh, 'zzzz-nobody');
    await waitUntil(() => status(fresh).includes('No member'), 'no result');
    expect(rows(fresh)).to.have.length(0);
  });

  it('a CSV segment says how many uploaded contacts matched no customer', async () => {
    const adapter = await seededStore();
    const known = customers.filter((c) => c.phone).slice(0, 2);
    const csv = await adapter.createSegment({
      name: 'Stall visitors',
      type: 'csv',
      csv: {
        fileName: 'stall.csv',
        phoneColumn: 'phone',
        emailColumn: 'email',
        accepted: 3,
        rejected: 0,
        duplicates: 0,
      },
    });
    await adapter.addMembers(
      csv.id,
      [{ phone: known[0]!.phone }, { phone: known[1]!.phone }, { email: 'New.Visitor@example.in' }],
      { batchId: 'stall' },
    );
    await adapter.finishImport(csv.id);
    const element = await open(adapter, csv.id);
    expect(root(element).textContent).to.include('CSV segment');
    expect(root(element).textContent).to.include('Uploaded from stall.csv.');
    expect(root(element).textContent).to.include('1 uploaded contact matched no customer.');
    expect(status(element)).to.include('3 members of 300 customers');
    const unknown = rows(element).find((r) => cells(r).includes('new.visitor@example.in'))!;
    expect(cells(unknown)[0]).to.equal('Not a customer yet');
  });

  it('Export CSV downloads every member with a BOM and the page’s column names', async () => {
    allowResizeObserverLoop();
    const adapter = await seededStore();
    const element = await open(adapter, 'returning-customers');
    let link: HTMLAnchorElement | undefined;
    const intercept = (event: Event) => {
      const target = event.composedPath()[0];
      if (target instanceof HTMLAnchorElement && target.hasAttribute('download')) {
        link = target;
        event.preventDefault();
      }
    };
    root(element).addEventListener('click', intercept, { capture: true });
    getByRole(root(element), 'button', { name: 'Export CSV' }).click();
    await waitUntil(() => link, 'a download', { timeout: 10_000 });
    const bytes = new Uint8Array(await (await fetch(link!.href)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split('\r\n');
    expect(lines[0]).to.equal('Name,Email,Phone,City,Orders,Total spent,Created on');
    const orders = new Map<string, number>();
    for (const o of generateStore({ seed: 7, customers: 300, orders: 700 }).orders) {
      orders.set(o.customerId, (orders.get(o.customerId) ?? 0) + 1);
    }
    const returning = [...orders.values()].filter((n) => n >= 2).length;
    expect(lines.length - 1).to.equal(returning);
    expect(link!.download).to.equal('Returning Customers.csv');
    await waitUntil(() => root(element).textContent!.includes(`${returning} members exported`));
  });

  it('Back to segments tells the page', async () => {
    const adapter = await seededStore();
    const element = await open(adapter, 'first-time-customers');
    let back = 0;
    element.addEventListener('segment-back', () => back++);
    getByRole(root(element), 'button', { name: '← Back to segments' }).click();
    expect(back).to.equal(1);
  });
});
