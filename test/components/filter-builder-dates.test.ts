/**
 * The Created On box of <filter-builder> in the page's language: it shows and reads dates in the
 * order that language writes them (the order its summary uses), says which order it wants, moves
 * by a day with the arrow keys, and the filter keeps ISO YYYY-MM-DD. The expected texts are
 * written out here, not worked out by the element's code.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/filter-builder/filter-builder.ts';
import type { FilterBuilder } from '../../components/filter-builder/filter-builder.component.ts';
import { translationLoaded } from '../../components/shared/localize.ts';
import { hi } from '../../components/shared/translations/hi.ts';
import type { FilterGroup } from '../../src/core.ts';
import { deepActiveElement } from '../helpers/focus.ts';
import { accessibleDescription, getAllByRole, getByRole } from '../helpers/queries.ts';

const after = (value: unknown): FilterGroup => ({
  combinator: 'and',
  rules: [{ field: 'createdOn', operator: 'after', value } as FilterGroup['rules'][number]],
});

async function builder(lang: string, value: FilterGroup) {
  if (lang.startsWith('hi')) await translationLoaded('hi');
  const element = await fixture<FilterBuilder>(
    html`<filter-builder lang=${lang} .value=${value}></filter-builder>`,
  );
  await element.updateComplete;
  const name = lang.startsWith('hi') ? hi.filterBuilder.value : 'Value';
  const root = element.shadowRoot!;
  const box = () => getByRole(root, 'textbox', { name }) as HTMLInputElement;
  const summary = () => root.querySelector('[part~="summary"]')?.textContent?.trim() ?? '';
  const errors = () =>
    [...root.querySelectorAll('[part~="error"], .error')].map((e) => e.textContent!.trim());
  const stored = () => (element.value.rules[0] as { value?: unknown }).value;
  /** Clicks into the box, replaces what it holds by typing, and leaves it with Tab. */
  const type = async (text: string, { leave = true } = {}) => {
    box().focus();
    box().select();
    await sendKeys({ type: text });
    if (leave) await sendKeys({ press: 'Tab' });
    await element.updateComplete;
  };
  const press = async (key: string) => {
    await sendKeys({ press: key });
    await element.updateComplete;
  };
  return { element, box, summary, errors, stored, type, press };
}

describe('<filter-builder> dates in the page language', () => {
  it('in English: day first, as the English summary writes dates', async () => {
    const b = await builder('en', after('2024-01-15'));
    expect(b.box().value).to.equal('15/01/2024');
    expect(b.box().placeholder).to.equal('DD/MM/YYYY');
    expect(b.summary()).to.contain('15 Jan 2024');
    expect(accessibleDescription(b.box())).to.contain('DD/MM/YYYY');

    await b.type('9/3/2025');
    expect(b.stored()).to.equal('2025-03-09');
    expect(b.box().value, 'shown in full once left').to.equal('09/03/2025');
    await b.type('31122025');
    expect(b.stored(), 'eight digits in a row').to.equal('2025-12-31');
    await b.type('2025-06-01');
    expect(b.stored(), 'an ISO date is read as one').to.equal('2025-06-01');
  });

  it('in American English: month first; a day-first date is no month and is refused', async () => {
    const b = await builder('en-US', after('2024-01-15'));
    expect(b.box().value).to.equal('01/15/2024');
    expect(b.box().placeholder).to.equal('MM/DD/YYYY');
    await b.type('3/9/2025');
    expect(b.stored()).to.equal('2025-03-09');
    expect(b.box().value).to.equal('03/09/2025');

    await b.type('15/01/2024');
    expect(b.errors()).to.deep.equal(['Enter a real date.']);
    expect(b.box().value, 'what was typed is kept').to.equal('15/01/2024');
  });

  it('in Hindi: day first, Hindi words in the pattern, Devanagari digits read', async () => {
    const b = await builder('hi', after('2024-01-15'));
    await waitUntil(() => b.box().placeholder === 'दिन/माह/वर्ष', b.box().placeholder);
    expect(b.box().value).to.equal('15/01/2024');
    expect(b.summary()).to.contain('15').and.to.contain('2024').and.not.to.contain('01/15');

    await b.type('31/1/2025');
    expect(b.stored()).to.equal('2025-01-31');
    expect(b.box().value).to.equal('31/01/2025');
    await b.type('१५/०८/२०२५');
    expect(b.stored()).to.equal('2025-08-15');
    await b.type('31/02/2025');
    expect(b.errors()).to.deep.equal([hi.filterIssues['invalid-date']]);
    await b.type('');
  });

  it('by keyboard: Up and Down move the date by a day, across months and years', async () => {
    const b = await builder('hi', after('2024-12-31'));
    await waitUntil(() => b.box().placeholder === 'दिन/माह/वर्ष', 'no Hindi');
    b.box().focus();
    await b.press('ArrowUp');
    expect(b.box().value).to.equal('01/01/2025');
    expect(b.stored()).to.equal('2025-01-01');
    await b.press('ArrowDown');
    await b.press('ArrowDown');
    expect(b.box().value).to.equal('30/12/2024');
    expect(b.stored()).to.equal('2024-12-30');
    expect(deepActiveElement(), 'focus stays in the box').to.equal(b.box());

    // An empty box starts from today.
    await b.type('', { leave: false });
    await sendKeys({ press: 'Backspace' });
    await b.press('ArrowUp');
    const now = new Date();
    const two = (n: number) => String(n).padStart(2, '0');
    expect(b.stored()).to.equal(
      `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`,
    );
  });

  it('a range takes both ends in the page order', async () => {
    const element = await fixture<FilterBuilder>(
      html`<filter-builder
        lang="en-GB"
        .value=${{
          combinator: 'and',
          rules: [{ field: 'createdOn', operator: 'between', value: ['2024-02-01', '2024-03-01'] }],
        }}
      ></filter-builder>`,
    );
    const boxes = getAllByRole(element.shadowRoot!, 'textbox') as HTMLInputElement[];
    expect(boxes.map((box) => box.value)).to.deep.equal(['01/02/2024', '01/03/2024']);
    boxes[1].focus();
    boxes[1].select();
    await sendKeys({ type: '29/02/2024' });
    await sendKeys({ press: 'Tab' });
    await element.updateComplete;
    expect((element.value.rules[0] as { value?: unknown }).value).to.deep.equal([
      '2024-02-01',
      '2024-02-29',
    ]);
  });
});
