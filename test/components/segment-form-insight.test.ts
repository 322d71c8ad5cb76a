/**
 * What a seller sees under the rules while editing a filter segment: who the edit adds and
 * drops against the saved rules, the first matching customers, and "Check a customer" with each
 * condition ticked or crossed. Runs on a LocalAdapter with a handful of known customers, so the
 * expected numbers are counted here by hand.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/segment-form/segment-form.ts';
import type { SegmentForm } from '../../components/segment-form/segment-form.component.ts';
import type { FilterGroup } from '../../src/core.ts';
import type { LocalAdapter } from '../../src/adapters/local/index.ts';
import { getByRole, queryByRole } from '../helpers/queries.ts';
import { openStore, removeStores } from '../helpers/local-stores.ts';

const city = (value: string): FilterGroup => ({
  combinator: 'and',
  rules: [{ field: 'city', operator: 'equals', value }],
});

/** Five customers: two in Pune, two in Mumbai (one of them with no email), one in Delhi. */
async function store(): Promise<LocalAdapter> {
  const adapter = openStore({ timeZone: 'Asia/Kolkata', defaultCountry: 'IN' });
  await adapter.importCustomers([
    {
      id: 'c1',
      name: 'Asha Rao',
      email: 'asha@example.com',
      phone: '+919876500001',
      city: 'Pune',
      createdAt: '2024-03-02T08:00:00Z',
      ordersCount: 2,
      totalSpent: 150_000,
    },
    {
      id: 'c2',
      name: 'Ravi Kumar',
      email: 'ravi@example.com',
      city: 'PUNE',
      createdAt: '2025-02-01T08:00:00Z',
      ordersCount: 1,
      totalSpent: 50_000,
    },
    {
      id: 'c3',
      name: 'Meera Iyer',
      email: 'meera@example.com',
      city: 'Mumbai',
      createdAt: '2025-03-01T08:00:00Z',
      ordersCount: 0,
      totalSpent: 0,
    },
    {
      id: 'c4',
      name: 'Kiran Shah',
      phone: '+919876500004',
      city: 'Mumbai',
      createdAt: '2025-04-01T08:00:00Z',
      ordersCount: 3,
      totalSpent: 90_000,
    },
    {
      id: 'c5',
      name: 'Élodie Dutta',
      email: 'elodie@example.com',
      city: 'Delhi',
      createdAt: '2025-05-01T08:00:00Z',
      ordersCount: 1,
      totalSpent: 10_000,
    },
  ]);
  const order = (id: string, customerId: string, total: number) => ({
    id,
    customerId,
    total,
    placedAt: '2025-06-01T08:00:00Z',
  });
  await adapter.importOrders([
    order('o1', 'c1', 100_000),
    order('o2', 'c1', 50_000),
    order('o3', 'c2', 50_000),
    order('o4', 'c4', 30_000),
    order('o5', 'c4', 30_000),
    order('o6', 'c4', 30_000),
    order('o7', 'c5', 10_000),
  ]);
  return adapter;
}

const status = (page: InsightPage) => page.text('[part~="impact"] [role="status"]');

class InsightPage {
  constructor(readonly element: SegmentForm) {}
  get root() {
    return this.element.shadowRoot!;
  }
  text(selector: string) {
    return (this.root.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
  }
  async setFilter(filter: FilterGroup) {
    const builder = this.root.querySelector('filter-builder') as HTMLElement & {
      value: FilterGroup;
    };
    builder.value = filter;
    builder.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await this.element.updateComplete;
  }
  button(name: string | RegExp) {
    return getByRole(this.root, 'button', { name }) as HTMLButtonElement;
  }
  table(name: string) {
    const table = getByRole(this.root, 'table', { name });
    return [...table.querySelectorAll('tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) => cell.textContent!.trim()),
    );
  }
  async search(text: string) {
    const input = getByRole(this.root, 'textbox', {
      name: 'Name, email or phone',
    }) as HTMLInputElement;
    input.value = text;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await this.element.updateComplete;
  }
}

async function editing(adapter: LocalAdapter, saved: FilterGroup) {
  const segment = await adapter.createSegment({ name: 'Pune', type: 'filter', filter: saved });
  const element = await fixture<SegmentForm>(
    html`<segment-form
      .adapter=${adapter}
      segment-id=${segment.id}
      time-zone="Asia/Kolkata"
    ></segment-form>`,
  );
  const page = new InsightPage(element);
  await waitUntil(() => page.root.querySelector('filter-builder'), 'the segment loads');
  return page;
}

describe('<segment-form> insight while editing a filter segment', () => {
  afterEach(removeStores);

  it('shows who joins and who leaves when Pune becomes Mumbai, and lists them on click', async () => {
    const page = await editing(await store(), city('Pune'));
    expect(page.text('[part~="impact"]')).to.equal('');
    await page.setFilter(city('Mumbai'));
    // Mumbai: c3, c4 join; Pune (any case): c1, c2 leave.
    await waitUntil(() => status(page) === '+2 join · 2 leave', 'the impact is counted');
    page.button('+2 join').click();
    await waitUntil(() => queryByRole(page.root, 'table', { name: 'Customers who would join' }));
    expect(page.table('Customers who would join').map((row) => row[0])).to.have.members([
      'Meera Iyer',
      'Kiran Shah',
    ]);
    expect(page.button('+2 join').getAttribute('aria-expanded')).to.equal('true');
  });

  it('says nothing changes when the edit selects the same customers, and joins none when narrowed', async () => {
    const page = await editing(await store(), city('Pune'));
    await page.setFilter(city('pune'));
    await waitUntil(() => page.text('[part~="impact"]').includes('Same'), 'same customers');
    await page.setFilter({
      combinator: 'and',
      rules: [...city('Pune').rules, { field: 'ordersCount', operator: 'gte', value: 2 }],
    });
    // Only Ravi (one order) leaves; nobody joins.
    await waitUntil(() => status(page) === '+0 join · 1 leaves', 'narrowed');
    expect(page.button('+0 join').disabled).to.equal(true);
  });

  it('counts the impact of an edit from an OR of cities as well (Pune or Delhi → Pune)', async () => {
    const page = await editing(await store(), {
      combinator: 'or',
      rules: [...city('Pune').rules, ...city('Delhi').rules],
    });
    await page.setFilter(city('Pune'));
    // Élodie (Delhi) leaves; nobody joins.
    await waitUntil(() => status(page) === '+0 join · 1 leaves', 'the impact is counted');
  });

  it('previews the first customers the rules match, with name, email, city and spent', async () => {
    const page = await editing(await store(), city('Pune'));
    await waitUntil(() => queryByRole(page.root, 'table', { name: 'First matching customers' }));
    const rows = page.table('First matching customers');
    expect(rows).to.have.length(2);
    expect(rows[0]!.slice(0, 3)).to.deep.equal(['Asha Rao', 'asha@example.com', 'Pune']);
    expect(rows[0]![3]).to.match(/1,500/);
    await page.setFilter(city('Chennai'));
    await waitUntil(() => page.text('[part~="preview"]').includes('No customer matches'));
  });

  it('checks a customer found by phone, condition by condition, in the seller’s words', async () => {
    const page = await editing(await store(), city('Pune'));
    await page.setFilter({
      combinator: 'and',
      rules: [
        { field: 'city', operator: 'equals', value: 'pune' },
        { field: 'createdOn', operator: 'after', value: '2025-01-01' },
      ],
    });
    await page.search('98765 00001');
    await waitUntil(() => queryByRole(page.root, 'button', { name: 'Asha Rao' }), 'found by phone');
    page.button('Asha Rao').click();
    await waitUntil(() => page.text('[part~="explanation"]'), 'explained');
    const lines = [...page.root.querySelectorAll('[part~="explanation"] li')].map((li) =>
      li.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(page.text('[part~="explanation"] .verdict')).to.equal(
      'Asha Rao is not in this segment.',
    );
    expect(lines[0]).to.equal('City Pune — is pune ✓ matches');
    expect(lines[1]).to.match(
      /^Created On (2 Mar 2024|Mar 2, 2024) — is after .*2025 ✗ does not match$/,
    );
    // "matches" is for screen readers: the ✓ says it on screen, the words take no room there.
    const [words] = [...page.root.querySelectorAll('[part~="explanation"] li .mark span')].filter(
      (span) => span.textContent!.trim() === 'matches',
    );
    expect(words!.getBoundingClientRect().width).to.be.at.most(1);
  });

  it('finds by email and by name (case and accents as typed), and says when nobody matches', async () => {
    const page = await editing(await store(), city('Pune'));
    await page.search('ÉLODIE');
    await waitUntil(() => queryByRole(page.root, 'button', { name: 'Élodie Dutta' }));
    page.button('Élodie Dutta').click();
    await waitUntil(() => page.text('[part~="explanation"] .verdict'));
    expect(page.text('[part~="explanation"] .verdict')).to.equal(
      'Élodie Dutta is not in this segment.',
    );
    await page.search('nobody-here');
    await waitUntil(() =>
      page.text('[part~="check"]').includes('No customer matches "nobody-here".'),
    );
  });

  it('a new filter segment has a preview but no impact (nothing saved to compare with)', async () => {
    const adapter = await store();
    const element = await fixture<SegmentForm>(
      html`<segment-form .adapter=${adapter} default-type="filter"></segment-form>`,
    );
    const page = new InsightPage(element);
    await page.setFilter(city('Mumbai'));
    await waitUntil(() => queryByRole(page.root, 'table', { name: 'First matching customers' }));
    expect(page.root.querySelector('[part~="impact"]')).to.equal(null);
  });
});
