/**
 * The help page, end to end, on the demo admin: what a seller does, by role and accessible
 * name, by mouse and by keyboard alone, with axe-core checking every state and screenshots
 * (screenshots/, git-ignored) for a person to look at.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import './../helpers/filter-builder-stand-in.ts';
import { startAdmin } from '../../demo/admin.ts';
import { GLOBAL_SEGMENTS } from '../../demo/store.ts';
import type { UserSegments } from '../../components/user-segments/user-segments.component.ts';
import { compileFilter, PREDEFINED_SEGMENTS, type FilterGroup } from '../../src/core.ts';
import { generateStore } from '../../src/testing/index.ts';
import { deriveOrderStats } from '../../src/testing/generate-store.ts';
import { openStore, removeStores } from '../helpers/local-stores.ts';
import { UserSegmentsHarness } from '../helpers/user-segments-harness.ts';
import { expectNoAxeViolations } from '../helpers/axe.ts';
import { getByRole, accessibleName } from '../helpers/queries.ts';

const DATA = { seed: 11, customers: 400, orders: 900 };
const CTX = { now: new Date(), timeZone: 'Asia/Kolkata', defaultCountry: 'IN' };
const { customers, orders } = generateStore(DATA);

/** What the store holds, counted from the generated data (not through the adapter). */
const withStats = deriveOrderStats(customers, orders);
function expectedCount(filter: FilterGroup): string {
  return withStats.filter(compileFilter(filter, CTX)).length.toLocaleString('en');
}

const screenshot = (name: string) => executeServerCommand('screenshot', { name });

let container: HTMLElement;

async function openDemo(): Promise<{ page: UserSegmentsHarness; admin: HTMLElement }> {
  localStorage.removeItem('user-segments-demo:prefs');
  const adapter = openStore({
    timeZone: CTX.timeZone,
    defaultCountry: 'IN',
    globalSegments: GLOBAL_SEGMENTS,
  });
  if (!document.querySelector('link[href="/demo/demo.css"]')) {
    const css = Object.assign(document.createElement('link'), {
      rel: 'stylesheet',
      href: '/demo/demo.css',
    });
    document.head.append(css);
    await new Promise((resolve) => css.addEventListener('load', resolve, { once: true }));
  }
  container = document.createElement('div');
  document.body.append(container);
  const { ready } = startAdmin(container, {
    adapter,
    prepare: async () => {
      await adapter.importCustomers(customers);
      await adapter.importOrders(orders);
    },
    sampleCsvUrl: '/demo/sample-customers.csv',
  });
  await ready;
  await waitUntil(() => container.querySelector('user-segments')?.shadowRoot, 'no page');
  const page = new UserSegmentsHarness(container.querySelector<UserSegments>('user-segments')!);
  await page.list.waitForRow('Top 100 High-Value Spenders');
  return { page, admin: container };
}

async function sampleCsv(): Promise<File> {
  const text = await (await fetch('/demo/sample-customers.csv')).text();
  return new File([text], 'sample-customers.csv', { type: 'text/csv' });
}

/** No part of the page is wider than the viewport. */
function expectNothingOffScreen(): void {
  expect(document.documentElement.scrollWidth).to.be.at.most(window.innerWidth);
}

afterEach(async () => {
  container?.remove();
  history.replaceState(null, '');
  document.documentElement.lang = 'en';
  delete document.documentElement.dataset.theme;
  localStorage.removeItem('user-segments-demo:prefs');
  await setViewport({ width: 1280, height: 900 });
  await removeStores();
});

describe('The help page on the demo admin', function () {
  this.timeout(120_000);

  it('by mouse: counts, search, a Filter and a CSV segment, duplicate, edit, delete, Global', async () => {
    await setViewport({ width: 1280, height: 900 });
    const { page, admin } = await openDemo();
    const list = page.list;

    // Predefined segments come first, each with its count.
    expect(list.names().slice(0, 5)).to.deep.equal(PREDEFINED_SEGMENTS.map((p) => p.name));
    for (const predefined of PREDEFINED_SEGMENTS) {
      expect(list.row(predefined.name).users, predefined.name).to.equal(
        expectedCount(predefined.filter),
      );
    }
    await expectNoAxeViolations(admin, 'list');
    await screenshot('list');

    // Search.
    await list.typeSearch('top');
    await list.waitFor(() => list.names().length === 3, 'search did not filter');
    expect(list.names()).to.deep.equal([
      'Top 10 High-Value Spenders',
      'Top 50 High-Value Spenders',
      'Top 100 High-Value Spenders',
    ]);
    list.search().value = '';
    list.search().dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await list.waitFor(() => list.names().length === 5, 'clearing the search');

    // A Filter segment: Email contains a domain AND Created On after a date.
    list.button('Add New').click();
    await page.waitForForm();
    await page.typeName('Gmail since June 2025');
    await page.chooseType('Filter');
    await page.addCondition('Email', 'contains', 'gmail.com');
    await page.addCondition('Created On', 'is after', '2025-06-01');
    await expectNoAxeViolations(admin, 'filter form');
    await screenshot('form-filter');
    await page.submit();
    await page.waitForList();
    const filter: FilterGroup = {
      combinator: 'and',
      rules: [
        { field: 'email', operator: 'contains', value: 'gmail.com' },
        { field: 'createdOn', operator: 'after', value: '2025-06-01' },
      ],
    };
    const row = await list.waitForRow('Gmail since June 2025');
    expect(row).to.deep.equal({
      name: 'Gmail since June 2025',
      type: 'Filter',
      users: expectedCount(filter),
    });
    expect(Number(row.users.replace(/,/g, ''))).to.be.greaterThan(0);
    // The page says what was saved, with the count, and selects the new row.
    const notice = getByRole(page.root, 'status');
    expect(notice.textContent).to.contain(`"Gmail since June 2025" was saved with ${row.users}`);
    expect(list.status()).to.equal(`Gmail since June 2025: ${row.users} users in total`);

    // A CSV segment from a file.
    list.button('Add New').click();
    await page.waitForForm();
    await page.typeName('Sample CSV customers');
    await page.chooseType('CSV');
    await page.csvMapper.chooseFile(await sampleCsv());
    await page.csvMapper.waitForResult();
    const accepted = page.csvMapper.summary()!['Accepted'];
    expect(Number(accepted)).to.be.greaterThan(0);
    await expectNoAxeViolations(admin, 'csv form');
    await screenshot('form-csv');
    await page.submit();
    await page.waitForList();
    expect(await list.waitForRow('Sample CSV customers')).to.deep.equal({
      name: 'Sample CSV customers',
      type: 'CSV',
      users: accepted,
    });

    // Duplicate, edit the copy, delete it.
    await list.choose('Gmail since June 2025', 'Duplicate');
    await list.waitForRow('Gmail since June 2025 (copy)');
    await list.choose('Gmail since June 2025 (copy)', 'Edit');
    await page.waitForForm();
    expect(page.nameField().value).to.equal('Gmail since June 2025 (copy)');
    await page.typeName('Gmail (edited)');
    await page.submit();
    await page.waitForList();
    expect((await list.waitForRow('Gmail (edited)')).users).to.equal(expectedCount(filter));
    expect(list.names()).not.to.include('Gmail since June 2025 (copy)');
    await list.choose('Gmail (edited)', 'Delete');
    await expectNoAxeViolations(admin, 'delete dialog');
    await list.confirmDelete();
    await list.waitFor(() => !list.names().includes('Gmail (edited)'), 'still listed');

    // The Global tab.
    list.tab('Global').click();
    await list.waitForRow('Metro shoppers');
    expect(list.names()).to.deep.equal(['Accepts marketing (all stores)', 'Metro shoppers']);
    expect(list.row('Metro shoppers').users).to.equal(expectedCount(GLOBAL_SEGMENTS[1].filter));
    await expectNoAxeViolations(admin, 'global tab');
    await screenshot('global');
  });

  it('by keyboard alone: duplicate, edit, Back, delete and the Global tab', async () => {
    const { page } = await openDemo();
    const list = page.list;
    // Tab from the page's start to the row menu of "Top 10 High-Value Spenders".
    (document.activeElement as HTMLElement | null)?.blur();
    const focusedName = () => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el ? accessibleName(el) : '';
    };
    /** Presses Tab (at most 60 times) until the focused control has this accessible name. */
    const tabTo = async (name: string | RegExp) => {
      const matches = () =>
        typeof name === 'string' ? focusedName() === name : name.test(focusedName());
      for (let i = 0; i < 60 && !matches(); i++) await sendKeys({ press: 'Tab' });
      expect(focusedName()).to.match(typeof name === 'string' ? new RegExp(`^${name}$`) : name);
    };
    await tabTo('Actions for Top 10 High-Value Spenders');
    await sendKeys({ press: 'Enter' }); // opens on "Duplicate", the only item of a read-only row
    await list.element.updateComplete;
    expect(focusedName()).to.equal('Duplicate');
    await sendKeys({ press: 'Enter' });
    await list.waitForRow('Top 10 High-Value Spenders (copy)');

    // Edit the copy: its menu, Enter on Edit, type a new name, Enter submits.
    list.menuButton('Top 10 High-Value Spenders (copy)').focus();
    await sendKeys({ press: 'ArrowDown' });
    await list.element.updateComplete;
    expect(focusedName()).to.equal('Edit');
    await sendKeys({ press: 'Enter' });
    await page.waitForForm();
    await waitUntil(() => focusedName() === 'Name', 'focus did not move to the Name field');
    await sendKeys({ press: 'Control+A' });
    await sendKeys({ type: 'Big spenders' });
    await sendKeys({ press: 'Enter' });
    await page.waitForList();
    expect((await list.waitForRow('Big spenders')).users).to.equal('10');

    // Back: Add New, then the browser's Back returns to the list.
    list.button('Add New').focus();
    await sendKeys({ press: 'Enter' });
    await page.waitForForm();
    history.back();
    await page.waitForList();

    // Delete by keyboard: End jumps to Delete, the dialog's Delete by Tab and Enter.
    list.menuButton('Big spenders').focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'End' });
    expect(focusedName()).to.equal('Delete');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => list.dialog(), 'no dialog');
    await waitUntil(() => focusedName() === 'Cancel', 'the dialog did not focus Cancel');
    await sendKeys({ press: 'Tab' });
    expect(focusedName()).to.equal('Delete');
    await sendKeys({ press: 'Enter' });
    await list.waitFor(() => !list.names().includes('Big spenders'), 'still listed');

    // A Filter segment by keyboard: Tab to Add New, type the name, arrow to Filter, Tab to the
    // rule editor's controls, pick by typing, Enter submits.
    await tabTo('Add New');
    await sendKeys({ press: 'Enter' });
    await page.waitForForm();
    await waitUntil(() => focusedName() === 'Name', 'focus did not move to the Name field');
    await sendKeys({ type: 'Gmail by keyboard' });
    await tabTo('CSV');
    await sendKeys({ press: 'ArrowDown' }); // the radio group: to Filter
    await tabTo('Add filter');
    await sendKeys({ press: 'Enter' });
    await tabTo(/^Field\b/);
    await sendKeys({ type: 'Email' });
    await tabTo(/^Operator\b/);
    await sendKeys({ type: 'contains' });
    await tabTo(/^Value\b/);
    await sendKeys({ type: 'gmail.com' });
    await tabTo('Submit');
    await sendKeys({ press: 'Enter' });
    await page.waitForList();
    const gmail = {
      combinator: 'and' as const,
      rules: [{ field: 'email', operator: 'contains', value: 'gmail.com' }],
    };
    expect((await list.waitForRow('Gmail by keyboard')).users).to.equal(expectedCount(gmail));

    // The Global tab by arrow keys.
    list.tab('Segments').focus();
    await sendKeys({ press: 'ArrowRight' });
    await list.waitForRow('Metro shoppers');
    expect(list.selectedTab()).to.equal('Global');
  });

  it('dark theme, Hindi and 360 px: readable, translated, nothing off-screen', async () => {
    const { page, admin } = await openDemo();
    const list = page.list;
    getByRole(admin, 'button', { name: 'Dark theme' }).click();
    await list.element.updateComplete;
    expect(document.documentElement.dataset.theme).to.equal('dark');
    await expectNoAxeViolations(admin, 'dark theme');
    await screenshot('dark');

    const language = getByRole(admin, 'combobox', { name: 'Language' }) as HTMLSelectElement;
    language.value = 'hi';
    language.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => list.root.querySelector('#tab-store')?.textContent?.trim() === 'सेगमेंट');
    expect(list.root.querySelector('#tab-global')?.textContent?.trim()).to.equal('ग्लोबल');
    expect(
      getByRole(list.root, 'button', { name: 'नया जोड़ें' }).part.contains('add-button'),
    ).to.equal(true);
    await expectNoAxeViolations(admin, 'Hindi');
    await screenshot('hindi');
    language.value = 'en';
    language.dispatchEvent(new Event('change', { bubbles: true }));
    getByRole(admin, 'button', { name: 'Dark theme' }).click();

    await setViewport({ width: 360, height: 800 });
    await waitUntil(() => list.names().length === 5);
    expectNothingOffScreen();
    await screenshot('360-list');
    list.menuButton('Top 100 High-Value Spenders').click();
    await list.element.updateComplete;
    const menu = getByRole(list.root, 'menu').getBoundingClientRect();
    expect(menu.left).to.be.at.least(0);
    expect(menu.right).to.be.at.most(360);
    await sendKeys({ press: 'Escape' });
    list.button('Add New').click();
    await page.waitForForm();
    await page.chooseType('CSV');
    await page.csvMapper.chooseFile(await sampleCsv());
    await page.csvMapper.waitForResult();
    await screenshot('360-form-csv');
    expectNothingOffScreen();
    await expectNoAxeViolations(admin, '360 px form');
  });
});
