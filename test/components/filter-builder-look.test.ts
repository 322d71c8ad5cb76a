/**
 * How `<filter-builder>` looks and reads in each state: axe-core finds no violation, hosts theme
 * it through --us-* properties and ::part, and screenshots at 360 px and 1280 px are saved to
 * test/screenshots/ for a person to look at.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import '../../components/filter-builder/filter-builder.ts';
import type { FilterBuilder } from '../../components/filter-builder/filter-builder.component.ts';
import { SegmentError, type FilterGroup, type SegmentAdapter } from '../../src/core.ts';
import { generateStore } from '../../src/testing/generate-store.ts';
import { FilterBuilderHarness } from '../helpers/filter-builder-harness.ts';
import { openStore, removeStores } from '../helpers/local-stores.ts';
import { axeViolations } from '../helpers/axe.ts';

const rich: FilterGroup = {
  combinator: 'and',
  rules: [
    { field: 'email', operator: 'endsWith', value: '@gmail.com' },
    { field: 'createdOn', operator: 'inLast', value: { amount: 2, unit: 'months' } },
    {
      combinator: 'or',
      not: true,
      rules: [
        { field: 'totalSpent', operator: 'between', value: [50000, 250000] },
        { field: 'tags', operator: 'hasAny', value: ['vip', 'wholesale'] },
        { field: 'acceptsMarketing', operator: 'equals', value: true },
      ],
    },
    { field: 'phone', operator: 'isNotEmpty' },
  ],
};

let adapter: SegmentAdapter;

async function page(template: unknown) {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="padding: 12px; max-width: 100%">${template}</div>`,
  );
  const element = wrapper.querySelector('filter-builder') as FilterBuilder;
  await element.updateComplete;
  return { wrapper, element, user: new FilterBuilderHarness(element) };
}

async function expectNoViolations(element: Element, state: string) {
  const violations = await axeViolations(element);
  expect(violations, `${state}:\n${violations.join('\n')}`).to.deep.equal([]);
}

describe('<filter-builder> look and accessibility', () => {
  before(async () => {
    const local = openStore({ timeZone: 'Asia/Kolkata' });
    const { customers, orders } = generateStore({ seed: 3, customers: 200, orders: 600 });
    await local.importCustomers(customers);
    await local.importOrders(orders);
    adapter = local;
  });
  after(async () => {
    await setViewport({ width: 800, height: 600 });
    await removeStores();
  });

  it('uses an axe that does catch an unnamed control inside a shadow root', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.attachShadow({ mode: 'open' }).innerHTML = '<select><option>x</option></select>';
    const violations = await axeViolations(host);
    expect(violations.some((v) => v.startsWith('select-name'))).to.equal(true);
  });

  it('has no axe violation when empty, filled, nested, wrong, failing, read-only or in Hindi', async () => {
    const empty = await page(html`<filter-builder .adapter=${adapter}></filter-builder>`);
    await expectNoViolations(empty.element, 'empty');

    const filled = await page(
      html`<filter-builder .adapter=${adapter} .value=${rich}></filter-builder>`,
    );
    await filled.user.waitForCount(/of 200 customers/);
    await expectNoViolations(filled.element, 'filled and counted');

    // Mistakes shown beside their controls.
    const wrong = await page(
      html`<form>
        <filter-builder name="f" .adapter=${adapter}></filter-builder>
      </form>`,
    );
    await wrong.user.click('Add filter');
    await wrong.user.choose(wrong.user.condition(1), 'Field', 'Number of Orders');
    await wrong.user.type(wrong.user.condition(1), 'many');
    await wrong.user.click('Add group');
    (wrong.wrapper.querySelector('form') as HTMLFormElement).requestSubmit();
    await wrong.element.updateComplete;
    expect(wrong.user.errors(wrong.user.condition(1))).to.deep.equal(['Enter a number.']);
    await expectNoViolations(wrong.element, 'with errors');

    const failing = Object.assign(new EventTarget(), {
      countMembers: () => Promise.reject(new SegmentError('unavailable', 'offline')),
      listSegments: async () => ({ items: [], total: 0 }),
    }) as unknown as SegmentAdapter;
    const down = await page(
      html`<filter-builder .adapter=${failing} .value=${rich}></filter-builder>`,
    );
    await down.user.waitForCount(/Retry$/);
    await expectNoViolations(down.element, 'count failed');

    const readonly = await page(html`<filter-builder readonly .value=${rich}></filter-builder>`);
    await expectNoViolations(readonly.element, 'read-only');

    const hindi = await page(
      html`<filter-builder lang="hi" .adapter=${adapter} .value=${rich}></filter-builder>`,
    );
    await waitUntil(() => !hindi.user.count().includes('गिनती'), 'Hindi count never came');
    await expectNoViolations(hindi.element, 'Hindi');
  });

  it('takes a host’s theme through --us-* properties and ::part', async () => {
    const style = document.createElement('style');
    style.textContent = `
      .themed filter-builder { --us-color-accent: rgb(10, 120, 60); --us-radius: 0px; }
      .themed filter-builder::part(row) { background: rgb(250, 240, 200); }
      .themed filter-builder::part(count) { color: rgb(90, 0, 90); }
    `;
    document.head.append(style);
    try {
      const { element, user } = await page(
        html`<div class="themed">
          <filter-builder .adapter=${adapter} .value=${rich}></filter-builder>
        </div>`,
      );
      await user.waitForCount(/of 200 customers/);
      const root = element.shadowRoot!;
      const checked = root.querySelector('.switch input:checked + span')!;
      expect(getComputedStyle(checked).backgroundColor).to.equal('rgb(10, 120, 60)');
      expect(getComputedStyle(root.querySelector('select')!).borderTopLeftRadius).to.equal('0px');
      expect(getComputedStyle(user.condition(1)).backgroundColor).to.equal('rgb(250, 240, 200)');
      expect(getComputedStyle(root.querySelector('[part~="count"]')!).color).to.equal(
        'rgb(90, 0, 90)',
      );
    } finally {
      style.remove();
    }
  });

  for (const width of [360, 1280]) {
    it(`lays out at ${width} px (screenshots for a person to look at)`, async () => {
      await setViewport({ width, height: 900 });
      const { element, user } = await page(
        html`<filter-builder .adapter=${adapter} .value=${rich}></filter-builder>`,
      );
      await user.waitForCount(/of 200 customers/);
      // Nothing sticks out sideways: a seller on a phone never scrolls the rules horizontally.
      expect(element.scrollWidth).to.be.at.most(element.clientWidth + 1);
      for (const row of element.shadowRoot!.querySelectorAll('.row')) {
        expect(row.getBoundingClientRect().right).to.be.at.most(width);
      }
      await executeServerCommand('screenshot', { name: `filter-builder-${width}` });

      await user.click('Add filter');
      await user.choose(user.condition(4), 'Field', 'Number of Orders');
      await user.type(user.condition(4), 'lots');
      await executeServerCommand('screenshot', { name: `filter-builder-${width}-error` });

      // Hindi words are longer: they must wrap, not overflow.
      const hindi = await page(
        html`<filter-builder lang="hi" .adapter=${adapter} .value=${rich}></filter-builder>`,
      );
      await waitUntil(() => /200/.test(hindi.user.count()), 'Hindi count never came');
      expect(hindi.element.scrollWidth).to.be.at.most(hindi.element.clientWidth + 1);
      await executeServerCommand('screenshot', {
        name: `filter-builder-${width}-hi`,
        selector: 'filter-builder[lang="hi"]',
      });
    });
  }
});
