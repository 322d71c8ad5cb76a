/**
 * The operator menu and the filter in words speak with the same words, in every language: a
 * seller who picks "is on" reads "Created On is on …" under the conditions, never "on".
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../components/filter-builder/filter-builder.ts';
import type { FilterBuilder } from '../../components/filter-builder/filter-builder.component.ts';
import { FilterBuilderHarness } from '../helpers/filter-builder-harness.ts';
import { translationLoaded } from '../../components/shared/localize.ts';
import type { FilterRule } from '../../src/core.ts';

/** One condition per operator of each kind of field, each with a value it accepts. */
const RULES: FilterRule[] = [
  ...['equals', 'notEquals', 'contains', 'notContains', 'startsWith', 'endsWith'].map(
    (operator) => ({ field: 'city', operator, value: 'Pune' }),
  ),
  { field: 'city', operator: 'in', value: ['Pune', 'पुणे'] },
  { field: 'city', operator: 'notIn', value: ['Delhi'] },
  { field: 'city', operator: 'isEmpty' },
  { field: 'city', operator: 'isNotEmpty' },
  ...['on', 'before', 'after'].map((operator) => ({
    field: 'createdOn',
    operator,
    value: '2024-01-02',
  })),
  { field: 'createdOn', operator: 'between', value: ['2024-01-02', '2024-03-04'] },
  { field: 'lastOrderOn', operator: 'inLast', value: { amount: 1, unit: 'weeks' } },
  { field: 'lastOrderOn', operator: 'notInLast', value: { amount: 3, unit: 'months' } },
  ...['equals', 'notEquals', 'gt', 'gte', 'lt', 'lte'].map((operator) => ({
    field: 'ordersCount',
    operator,
    value: 3,
  })),
  { field: 'totalSpent', operator: 'between', value: [100, 250000] },
  ...['hasAny', 'hasAll', 'hasNone'].map((operator) => ({
    field: 'tags',
    operator,
    value: ['vip', 'gold'],
  })),
  { field: 'acceptsMarketing', operator: 'equals', value: true },
  { field: 'segment', operator: 'in', value: ['first-time-customers'] },
  { field: 'segment', operator: 'notIn', value: ['returning-customers'] },
];

const selected = (element: FilterBuilder, name: string) => {
  const root = element.shadowRoot!;
  const select = root.querySelector(`select[aria-label="${name}"]`) as HTMLSelectElement;
  return select.selectedOptions[0]!.text.trim();
};

for (const lang of ['en', 'hi']) {
  describe(`<filter-builder lang="${lang}"> words`, () => {
    it('reads each condition in the summary with the field and operator the menus show', async () => {
      const page = await fixture<HTMLDivElement>(
        html`<div lang=${lang}><filter-builder></filter-builder></div>`,
      );
      const element = page.querySelector<FilterBuilder>('filter-builder')!;
      await translationLoaded(lang);
      const user = new FilterBuilderHarness(element);
      for (const rule of RULES) {
        element.value = { combinator: 'and', rules: [rule] };
        await element.updateComplete;
        const field = selected(element, lang === 'hi' ? 'फ़ील्ड' : 'Field');
        const operator = selected(element, lang === 'hi' ? 'तुलना' : 'Operator');
        const summary = user.summary();
        const said = `${field} ${operator}`;
        const label = `${rule.field} ${rule.operator}`;
        expect(summary.startsWith(said), `${label}: "${summary}" after "${said}"`).to.equal(true);
        // "is" must not pass for "is not": what follows the words is the value, or nothing.
        expect(summary.slice(said.length), label).to.match(/^($|:? )/);
      }
    });
  });
}
