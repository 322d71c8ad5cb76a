import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/filter-builder/filter-builder.ts';
import type { FilterBuilder } from '../../components/filter-builder/filter-builder.component.ts';
import {
  SegmentError,
  type Customer,
  type FilterGroup,
  type SegmentAdapter,
} from '../../src/core.ts';
import type { LocalAdapter } from '../../src/adapters/local/index.ts';
import { deriveOrderStats, generateStore } from '../../src/testing/generate-store.ts';
import { FilterBuilderHarness } from '../helpers/filter-builder-harness.ts';
import { getByRole, queryByRole } from '../helpers/queries.ts';
import { provideSegmentAdapter } from '../../components/shared/adapter.ts';
import { openStore, removeStores } from '../helpers/local-stores.ts';
import { translationLoaded } from '../../components/shared/localize.ts';

const CUSTOMERS = 300;
let seeded: { adapter: LocalAdapter; customers: Customer[] } | undefined;

/** One seeded store for the file: 300 customers with orders, counted by the LocalAdapter. */
async function store() {
  if (!seeded) {
    const { customers, orders } = generateStore({ seed: 9, customers: CUSTOMERS, orders: 900 });
    const adapter = openStore({ timeZone: 'Asia/Kolkata' });
    await adapter.importCustomers(customers);
    await adapter.importOrders(orders);
    // The oracle: customers with their order statistics, worked out apart from the adapter.
    seeded = { adapter, customers: deriveOrderStats(customers, orders) };
  }
  return seeded;
}

async function builder(adapter?: SegmentAdapter, value?: FilterGroup) {
  const element = await fixture<FilterBuilder>(
    html`<filter-builder .adapter=${adapter} .value=${value}></filter-builder>`,
  );
  return { element, user: new FilterBuilderHarness(element) };
}

/** "12 of 300 customers (4%)", worked out here rather than by the element. */
const countText = (count: number, total = CUSTOMERS) =>
  `${count.toLocaleString('en')} of ${total.toLocaleString('en')} customers (${(count / total).toLocaleString('en', { style: 'percent', maximumFractionDigits: 1 })})`;

describe('<filter-builder>', () => {
  after(async () => {
    await removeStores();
    seeded = undefined;
  });

  it('builds a condition by keyboard and counts the customers who match', async () => {
    const { adapter, customers } = await store();
    const city = customers.find((c) => c.city)!.city!;
    const { element, user } = await builder(adapter);
    expect(user.conditions()).to.have.length(0);

    await user.pressButton('Add filter');
    expect(user.focused()).to.equal('combobox "Field"');
    expect(user.focusedCondition()).to.equal('Condition 1');
    const row = user.condition(1);
    await user.choose(row, 'Field', 'City');
    await user.choose(row, 'Operator', 'is');
    await user.type(row, city.toUpperCase());

    const expected = customers.filter((c) => c.city?.toLowerCase() === city.toLowerCase()).length;
    expect(expected).to.be.greaterThan(0);
    await user.waitForCount(countText(expected));
    expect(element.value).to.deep.equal({
      combinator: 'and',
      rules: [{ field: 'city', operator: 'equals', value: city.toUpperCase() }],
    });
    expect(user.summary()).to.equal(`City is ${city.toUpperCase()}`);
  });

  it('adds a nested OR group by keyboard and watches the count change', async () => {
    const { adapter, customers } = await store();
    const { element, user } = await builder(adapter);
    await user.pressButton('Add filter');
    const first = user.condition(1);
    await user.choose(first, 'Field', 'Number of Orders');
    await user.choose(first, 'Operator', 'at least');
    await user.type(first, '2');
    const atLeastTwo = customers.filter((c) => c.ordersCount >= 2);
    await user.waitForCount(countText(atLeastTwo.length));

    await user.pressButton('Add group');
    const group = user.group(1);
    expect(user.focusedCondition()).to.equal('Condition 1');
    expect(user.focused()).to.equal('combobox "Field"');
    user.control(group, 'radio', 'OR').click();
    await element.updateComplete;
    const inGroup = user.condition(1, group);
    await user.choose(inGroup, 'Field', 'Number of Orders');
    await user.choose(inGroup, 'Operator', 'at least');
    await user.type(inGroup, '5');
    await user.pressButton('Add filter', group);
    const second = user.condition(2, group);
    await user.choose(second, 'Field', 'Total Spent');
    await user.choose(second, 'Operator', 'more than');
    await user.type(second, '1,000.50');

    const expected = atLeastTwo.filter((c) => c.ordersCount >= 5 || c.totalSpent > 100050);
    expect(element.value).to.deep.equal({
      combinator: 'and',
      rules: [
        { field: 'ordersCount', operator: 'gte', value: 2 },
        {
          combinator: 'or',
          rules: [
            { field: 'ordersCount', operator: 'gte', value: 5 },
            { field: 'totalSpent', operator: 'gt', value: 100050 },
          ],
        },
      ],
    });
    await user.waitForCount(countText(expected.length));

    // NOT on the group: those with two or more orders who are in neither.
    user.control(group, 'checkbox', 'NOT').click();
    await element.updateComplete;
    await user.waitForCount(countText(atLeastTwo.length - expected.length));
    expect(user.summary()).to.equal(
      'Number of Orders at least 2 and not (Number of Orders at least 5 or Total Spent more than ₹1,000.50)',
    );
  });

  it('shows a mistake beside its control, and clears it once fixed', async () => {
    const { adapter, customers } = await store();
    const { element, user } = await builder(adapter);
    await user.click('Add filter');
    const row = user.condition(1);
    await user.choose(row, 'Field', 'Number of Orders');
    expect(user.errors(row), 'nothing typed yet: no complaint').to.deep.equal([]);
    expect(element.checkValidity(), 'but not valid either').to.equal(false);

    await user.type(row, '3 orders');
    expect(user.errors(row)).to.deep.equal(['Enter a number.']);
    expect(element.validationMessage).to.equal('Enter a number.');
    expect(user.count()).to.equal(
      'Fix the highlighted conditions to see how many customers match.',
    );

    await user.type(row, '3');
    expect(user.errors(row)).to.deep.equal([]);
    expect(element.checkValidity()).to.equal(true);
    await user.waitForCount(countText(customers.filter((c) => c.ordersCount === 3).length));
  });

  it('moves a condition up and down with Alt+arrows, keeping the focus on it', async () => {
    const value: FilterGroup = {
      combinator: 'and',
      rules: [
        { field: 'city', operator: 'equals', value: 'Pune' },
        { field: 'state', operator: 'equals', value: 'Goa' },
        { field: 'name', operator: 'contains', value: 'an' },
      ],
    };
    const { element, user } = await builder(undefined, value);
    user.focus(user.condition(1), 'combobox', 'Operator');
    await user.press('Alt+ArrowDown');
    await user.press('Alt+ArrowDown');
    expect(element.value.rules.map((r) => (r as { field: string }).field)).to.deep.equal([
      'state',
      'name',
      'city',
    ]);
    expect(user.focused()).to.equal('combobox "Operator"');
    expect(user.focusedCondition()).to.equal('Condition 3');
    expect(user.announcement()).to.equal('Moved to position 3 of 3.');
    await user.press('Alt+ArrowDown'); // already last: nothing moves
    expect(user.read(user.condition(3)).field).to.equal('City');

    await user.click('Move up', user.condition(3));
    expect(user.read(user.condition(2)).field).to.equal('City');
    expect(user.focused()).to.equal('button "Move up"');
  });

  it('Remove takes away the condition clicked, not its neighbour, and keeps the others as they were', async () => {
    const value: FilterGroup = {
      combinator: 'and',
      rules: [
        { field: 'city', operator: 'equals', value: 'Pune' },
        { field: 'state', operator: 'equals', value: 'Goa' },
        { field: 'name', operator: 'contains', value: 'an' },
        { field: 'city', operator: 'equals', value: 'Nagpur' },
      ],
    };
    const { element, user } = await builder(undefined, value);
    await user.click('Remove', user.condition(2)); // the middle one: State is Goa
    expect(user.conditions().map((row) => user.read(row))).to.deep.equal([
      { field: 'City', operator: 'is', value: ['Pune'] },
      { field: 'Name', operator: 'contains', value: ['an'] },
      { field: 'City', operator: 'is', value: ['Nagpur'] },
    ]);
    expect(element.value.rules).to.deep.equal([value.rules[0], value.rules[2], value.rules[3]]);
    // The first of three, by keyboard: the rest move up, in order.
    await user.pressButton('Remove', user.condition(1));
    expect(element.value.rules).to.deep.equal([value.rules[2], value.rules[3]]);
    expect(user.announcement()).to.equal('Condition removed.');
  });

  it('refuses to draw a filter nested past the limit, with a message, and stays invalid', async () => {
    const nested = (depth: number): FilterGroup => {
      let filter: FilterGroup = {
        combinator: 'and',
        rules: [{ field: 'city', operator: 'equals', value: 'Pune' }],
      };
      for (let i = 1; i < depth; i++) filter = { combinator: 'or', rules: [filter] };
      return filter;
    };
    const form = await fixture<HTMLFormElement>(html`
      <form><filter-builder name="filter" .value=${nested(1_000)}></filter-builder></form>
    `);
    const element = form.querySelector('filter-builder')!;
    const user = new FilterBuilderHarness(element);
    const alert = getByRole(user.root, 'alert');
    expect(alert.textContent).to.contain('cannot be shown');
    expect(queryByRole(user.root, 'combobox')).to.equal(null);
    expect(queryByRole(user.root, 'group', { name: 'Filter' })).to.equal(null);
    expect(form.checkValidity()).to.equal(false);
    expect(element.validationMessage).to.contain('nested more than 5 groups deep');

    // Six levels is one too many; five is drawn, condition and all.
    element.value = nested(6);
    await element.updateComplete;
    expect(queryByRole(user.root, 'alert')).to.not.equal(null);
    element.value = nested(5);
    await element.updateComplete;
    expect(queryByRole(user.root, 'alert')).to.equal(null);
    expect(user.read(getByRole(user.root, 'group', { name: 'Condition 1' }))).to.deep.equal({
      field: 'City',
      operator: 'is',
      value: ['Pune'],
    });
    expect(form.checkValidity()).to.equal(true);
  });

  it('keeps the value when the new field takes it, and clears it when not', async () => {
    const { element, user } = await builder(undefined, {
      combinator: 'and',
      rules: [{ field: 'createdOn', operator: 'after', value: '2024-01-01' }],
    });
    const row = user.condition(1);
    await user.choose(row, 'Field', 'Last Order On');
    expect(element.value.rules[0]).to.deep.equal({
      field: 'lastOrderOn',
      operator: 'after',
      value: '2024-01-01',
    });
    // A date is text too, so City keeps it; a number field does not.
    await user.choose(row, 'Field', 'Number of Orders');
    expect(element.value.rules[0]).to.deep.equal({ field: 'ordersCount', operator: 'equals' });
    expect(user.read(row)).to.deep.equal({
      field: 'Number of Orders',
      operator: 'is',
      value: [''],
    });
  });

  it('offers the operators of each type in a seller’s words, the help page’s fields first', async () => {
    const { user } = await builder(undefined, { combinator: 'and', rules: [] });
    await user.click('Add filter');
    const row = user.condition(1);
    const options = (name: string) =>
      [...(row.querySelector(`select[aria-label="${name}"]`) as HTMLSelectElement).options].map(
        (o) => o.text.trim(),
      );
    expect(options('Field').slice(0, 3)).to.deep.equal(['Email', 'Phone', 'Created On']);
    await user.choose(row, 'Field', 'Created On');
    expect(options('Operator')).to.deep.equal([
      'is on',
      'is before',
      'is after',
      'is between',
      'is in the last',
      'is not in the last',
      'is empty',
      'is not empty',
    ]);
    await user.choose(row, 'Field', 'Total Spent');
    expect(options('Operator')).to.include.members(['at least', 'more than', 'is between']);
  });

  it('reads money in major units with the currency, and stores minor units', async () => {
    const { element, user } = await builder();
    await user.click('Add filter');
    const row = user.condition(1);
    await user.choose(row, 'Field', 'Total Spent');
    await user.choose(row, 'Operator', 'is between');
    await user.type(row, '500');
    await user.type(row, '1,250.75', 'Second value');
    expect(element.value.rules[0]).to.deep.include({ value: [50000, 125075] });
    expect(row.querySelector('.currency')!.textContent).to.equal('₹');
    expect(user.read(row).value).to.deep.equal(['500', '1250.75']);

    await user.type(row, '2000');
    expect(user.errors(row)).to.deep.equal(['The first value must not be after the second.']);
  });

  it('turns tags and lists into chips: Enter or comma adds, Backspace and × remove', async () => {
    const { element, user } = await builder();
    await user.click('Add filter');
    const row = user.condition(1);
    await user.choose(row, 'Field', 'Tags');
    await user.type(row, 'vip', 'Value', { leave: false });
    await user.press('Enter');
    await user.type(row, 'gold,silver,', 'Value', { leave: false });
    expect(user.chips(row)).to.deep.equal(['vip', 'gold', 'silver']);
    await user.press('Backspace');
    expect(user.chips(row)).to.deep.equal(['vip', 'gold']);
    await user.click('Remove vip', row);
    expect(user.chips(row)).to.deep.equal(['gold']);
    expect(user.focused()).to.equal('textbox "Value"');
    expect(element.value.rules[0]).to.deep.equal({
      field: 'tags',
      operator: 'hasAny',
      value: ['gold'],
    });
  });

  it('normalises a phone typed in any common format', async () => {
    const { element, user } = await builder();
    await user.click('Add filter');
    const row = user.condition(1);
    await user.choose(row, 'Field', 'Phone');
    await user.type(row, '098765 43210', 'Value', { leave: false });
    expect(element.value.rules[0]).to.deep.include({ value: '+919876543210' });
    expect(row.textContent).to.contain('Saved as +919876543210');
    await user.press('Tab');
    expect(user.read(row).value).to.deep.equal(['+919876543210']);
    await user.type(row, '12345');
    expect(user.errors(row)).to.deep.equal(['This is not a valid phone number.']);
  });

  it('picks segments by name', async () => {
    const { adapter, customers } = await store();
    const { element, user } = await builder(adapter);
    await user.click('Add filter');
    const row = user.condition(1);
    await user.choose(row, 'Field', 'Segment');
    await waitUntil(
      () =>
        (row.querySelector('select[aria-label="Value"]') as HTMLSelectElement)?.options.length > 1,
      'the segments never came',
    );
    await user.choose(row, 'Value', 'Returning Customers');
    expect(user.chips(row)).to.deep.equal(['Returning Customers']);
    const { items } = await adapter.listSegments({ scope: 'store' });
    const returning = items.find((s) => s.name === 'Returning Customers')!;
    expect(element.value.rules[0]).to.deep.equal({
      field: 'segment',
      operator: 'in',
      value: [returning.id],
    });
    expect(user.summary()).to.equal('Segment is in Returning Customers');
    await user.waitForCount(countText(customers.filter((c) => c.ordersCount >= 2).length));
  });

  it('aborts an older count and never shows it over a newer one; a failure is quiet, with Retry', async () => {
    const calls: { filter: FilterGroup; signal: AbortSignal; settle: (r: unknown) => void }[] = [];
    const adapter = Object.assign(new EventTarget(), {
      countMembers: (target: { filter: FilterGroup }, o: { signal: AbortSignal }) =>
        new Promise((resolve, reject) => {
          calls.push({
            filter: target.filter,
            signal: o.signal,
            settle: (r) => (r instanceof Error ? reject(r) : resolve(r)),
          });
        }),
      listSegments: async () => ({ items: [], total: 0 }),
    }) as unknown as SegmentAdapter;
    const { element, user } = await builder(adapter, {
      combinator: 'and',
      rules: [{ field: 'city', operator: 'equals', value: 'Pune' }],
    });
    await waitUntil(() => calls.length === 1, 'no count asked for');
    const row = user.condition(1);
    await user.type(row, 'Delhi');
    await waitUntil(() => calls.length === 2, 'the edit was not counted');
    expect(calls[0].signal.aborted, 'the older request is aborted').to.equal(true);
    expect(calls[1].filter.rules[0]).to.deep.include({ value: 'Delhi' });
    calls[1].settle({ count: 1234, total: 10000 });
    await user.waitForCount('1,234 of 10,000 customers (12.3%)');
    expect(user.countAnnouncement()).to.equal('1,234 of 10,000 customers (12.3%)');
    calls[0].settle({ count: 1, total: 10000 }); // the stale answer arrives late
    await element.updateComplete;
    expect(user.count()).to.equal('1,234 of 10,000 customers (12.3%)');

    await user.type(row, 'Goa');
    await waitUntil(() => calls.length === 3);
    expect(user.count()).to.match(/Counting…$/);
    expect(user.countAnnouncement(), 'nothing said while counting').to.equal('');
    calls[2].settle(new SegmentError('unavailable', 'connection reset'));
    await user.waitForCount('Could not count the matching customers. Retry');
    // Editing goes on regardless.
    await user.type(row, 'Agra');
    expect(element.value.rules[0]).to.deep.include({ value: 'Agra' });
    await waitUntil(() => calls.length === 4);
    calls[3].settle(new SegmentError('unavailable', 'still down'));
    await user.waitForCount(/Retry$/);
    await user.click('Retry', user.root.querySelector('[part~="count"]') as HTMLElement);
    await waitUntil(() => calls.length === 5, 'Retry asked nothing');
    calls[4].settle({ count: 0, total: 1 });
    await user.waitForCount('0 of 1 customer (0%)');
  });

  it('is a form control whose value is the JSON, invalid while empty or wrong', async () => {
    const value: FilterGroup = {
      combinator: 'or',
      rules: [{ field: 'acceptsMarketing', operator: 'equals', value: true }],
    };
    const form = await fixture<HTMLFormElement>(html`
      <form><filter-builder name="filter" .value=${value}></filter-builder></form>
    `);
    const element = form.querySelector('filter-builder')!;
    const user = new FilterBuilderHarness(element);
    expect(JSON.parse(new FormData(form).get('filter') as string)).to.deep.equal(value);
    expect(form.checkValidity()).to.equal(true);

    const changes: FilterGroup[] = [];
    element.addEventListener('change', () => changes.push(element.value));
    await user.click('Remove', user.condition(1));
    expect(changes).to.deep.equal([{ combinator: 'or', rules: [] }]);
    expect(form.checkValidity()).to.equal(false);
    expect(element.validationMessage).to.equal(
      'Add a condition to choose which customers are in this segment.',
    );
    expect(user.focused()).to.equal('button "Add filter"');
    expect(user.announcement()).to.equal('Condition removed.');

    form.reset();
    await element.updateComplete;
    expect(element.value).to.deep.equal(value);
    expect(user.read(user.condition(1))).to.deep.equal({
      field: 'Accepts Marketing',
      operator: 'is',
      value: ['Yes'],
    });
    expect(changes, 'a reset is not an edit').to.have.length(1);
  });

  it('shows an untouched condition’s missing value once the form is submitted', async () => {
    const form = await fixture<HTMLFormElement>(html`
      <form><filter-builder name="filter"></filter-builder><button>Save</button></form>
    `);
    const element = form.querySelector('filter-builder')!;
    const user = new FilterBuilderHarness(element);
    await user.click('Add filter');
    expect(user.errors(user.condition(1))).to.deep.equal([]);
    form.requestSubmit();
    await element.updateComplete;
    expect(user.errors(user.condition(1))).to.deep.equal(['Enter a value.']);
  });

  it('renders the rules of a read-only segment as text, without controls', async () => {
    const { user } = await builder(undefined, {
      combinator: 'and',
      rules: [
        { field: 'spendRank', operator: 'lte', value: 10 },
        {
          combinator: 'or',
          not: true,
          rules: [{ field: 'tags', operator: 'hasAny', value: ['vip', 'gold'] }],
        },
      ],
    });
    user.element.readonly = true;
    await user.element.updateComplete;
    expect(user.root.querySelectorAll('select, input, button')).to.have.length(0);
    expect(user.condition(1).textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'Spend Rank at most 10',
    );
    expect(user.group(1).textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'NOT Any of Tags has any of vip, gold',
    );
    expect(user.summary()).to.equal('Spend Rank at most 10 and not (Tags has any of vip or gold)');
  });

  it('offers only the fields a host lists, in its order and with its labels', async () => {
    const element = await fixture<FilterBuilder>(
      html`<filter-builder
        .fields=${[{ id: 'city', label: 'Town' }, { id: 'ordersCount' }, { id: 'nope' }]}
      ></filter-builder>`,
    );
    const user = new FilterBuilderHarness(element);
    await user.click('Add filter');
    const select = user.condition(1).querySelector('select') as HTMLSelectElement;
    expect([...select.options].map((o) => o.text.trim())).to.deep.equal([
      'Town',
      'Number of Orders',
    ]);
  });

  it('speaks Hindi under lang="hi", summary included', async () => {
    const page = await fixture<HTMLDivElement>(
      html`<div lang="hi">
        <filter-builder
          .value=${{
            combinator: 'and',
            rules: [
              { field: 'city', operator: 'equals', value: 'Pune' },
              { field: 'ordersCount', operator: 'gte', value: 2 },
            ],
          }}
        ></filter-builder>
      </div>`,
    );
    const element = page.querySelector('filter-builder')!;
    await translationLoaded('hi'); // Hindi loads the first time an element is in Hindi
    await element.updateComplete;
    const root = element.shadowRoot!;
    expect(root.querySelector('select')!.getAttribute('aria-label')).to.equal('फ़ील्ड');
    expect(
      root.querySelector('[part~="summary"]')!.textContent!.replace(/\s+/g, ' ').trim(),
    ).to.equal('शब्दों में: शहर है: Pune और ऑर्डर की संख्या कम से कम: 2');
    page.lang = 'en';
    await waitUntil(() => root.querySelector('select')!.getAttribute('aria-label') === 'Field');
  });

  it('edits dates: a day, a range of two days, and "in the last N weeks"', async () => {
    const { element, user } = await builder();
    await user.click('Add filter');
    const row = user.condition(1);
    await user.choose(row, 'Field', 'Created On');
    await user.type(row, '01/03/2024');
    expect(element.value.rules[0]).to.deep.equal({
      field: 'createdOn',
      operator: 'on',
      value: '2024-03-01',
    });
    await user.choose(row, 'Operator', 'is between');
    expect(element.value.rules[0], 'one date does not fit a range').to.deep.include({
      value: [null, null],
    });
    await user.type(row, '31/03/2024');
    await user.type(row, '1/3/2024', 'Second value');
    expect(user.errors(row)).to.deep.equal(['The first value must not be after the second.']);
    await user.type(row, '01/02/2024');
    expect(user.errors(row)).to.deep.equal([]);
    expect(element.value.rules[0]).to.deep.include({ value: ['2024-02-01', '2024-03-01'] });

    await user.choose(row, 'Operator', 'is in the last');
    expect(user.read(row).value).to.deep.equal(['30', 'days']);
    await user.type(row, '6');
    await user.choose(row, 'Unit', 'weeks');
    expect(element.value.rules[0]).to.deep.equal({
      field: 'createdOn',
      operator: 'inLast',
      value: { amount: 6, unit: 'weeks' },
    });
    expect(user.summary()).to.equal('Created On is in the last 6 weeks');
    await user.type(row, '0');
    expect(user.errors(row)).to.deep.equal(['Enter a whole number from 1 to 10,000.']);
  });

  it('keeps a value when only the operator changes and it still fits', async () => {
    const { element, user } = await builder(undefined, {
      combinator: 'and',
      rules: [{ field: 'email', operator: 'contains', value: 'gmail' }],
    });
    const row = user.condition(1);
    await user.choose(row, 'Operator', 'ends with');
    expect(element.value.rules[0]).to.deep.equal({
      field: 'email',
      operator: 'endsWith',
      value: 'gmail',
    });
    await user.choose(row, 'Operator', 'is empty');
    expect(element.value.rules[0]).to.deep.equal({ field: 'email', operator: 'isEmpty' });
    expect(user.read(row).value).to.deep.equal([]);
    await user.choose(row, 'Field', 'Accepts Marketing');
    expect(element.value.rules[0]).to.deep.equal({
      field: 'acceptsMarketing',
      operator: 'equals',
      value: true,
    });
    await user.choose(row, 'Value', 'No');
    expect(element.value.rules[0]).to.deep.include({ value: false });
  });

  it('counts with the adapter an ancestor provides', async () => {
    const { adapter, customers } = await store();
    const page = await fixture<HTMLDivElement>(
      html`<div>
        <filter-builder
          .value=${{ combinator: 'and', rules: [{ field: 'ordersCount', operator: 'equals', value: 1 }] }}
        ></filter-builder>
      </div>`,
    );
    const user = new FilterBuilderHarness(page.querySelector('filter-builder')!);
    expect(user.count(), 'no adapter yet: no count').to.equal('');
    provideSegmentAdapter(page, adapter);
    await user.waitForCount(countText(customers.filter((c) => c.ordersCount === 1).length));
  });
});
