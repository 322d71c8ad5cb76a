/**
 * The rule editor inside the page's form, by keyboard alone: after every action (add, field,
 * operator, value, move, group, NOT, AND/OR, remove) focus lands on a defined control, found
 * through the shadow roots, in `<segment-form>` and in `<user-segments>` alike; what was typed
 * survives the next action at once; an untouched new condition stays quiet.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.ts';
import type { SegmentForm } from '../../components/segment-form/segment-form.component.ts';
import type { UserSegments } from '../../components/user-segments/user-segments.component.ts';
import type { FilterBuilder } from '../../components/filter-builder/filter-builder.component.ts';
import type { FilterGroup, SegmentAdapter } from '../../src/core.ts';
import { FilterBuilderHarness } from '../helpers/filter-builder-harness.ts';
import { UserSegmentsHarness } from '../helpers/user-segments-harness.ts';
import { removeStores } from '../helpers/local-stores.ts';
import { seededStore } from '../helpers/segment-fixtures.ts';
import { focusedControl, focusedIn } from '../helpers/focus.ts';
import { getByRole } from '../helpers/queries.ts';

interface Context {
  builder: FilterBuilderHarness;
  /** Waits for the host and the builder to finish rendering after an action. */
  settle(): Promise<void>;
  /** Presses the form's Submit. */
  submit(): Promise<void>;
}

async function inForm(adapter: SegmentAdapter): Promise<Context> {
  const form = await fixture<SegmentForm>(
    html`<segment-form .adapter=${adapter} default-type="filter"></segment-form>`,
  );
  const element = form.shadowRoot!.querySelector<FilterBuilder>('filter-builder')!;
  await element.updateComplete;
  return {
    builder: new FilterBuilderHarness(element),
    settle: () => settle(form, element),
    submit: () => submit(form, element),
  };
}

async function inPage(adapter: SegmentAdapter): Promise<Context> {
  const page = new UserSegmentsHarness(
    await fixture<UserSegments>(html`<user-segments .adapter=${adapter}></user-segments>`),
  );
  await page.list.waitForRow('First Time Customers');
  page.list.button('Add New').click();
  await page.waitForForm();
  await page.chooseType('Filter');
  const form = page.formElement!;
  const element = page.filterBuilder as FilterBuilder;
  await element.updateComplete;
  return {
    builder: new FilterBuilderHarness(element),
    settle: () => settle(form, element),
    submit: () => submit(form, element),
  };
}

async function submit(form: SegmentForm, element: FilterBuilder): Promise<void> {
  getByRole(form.shadowRoot!, 'button', { name: /^(Submit|Save)$/ }).click();
  await settle(form, element);
}

/** Both elements rendered and a frame painted, as a seller's next key press would find them. */
async function settle(host: SegmentForm, element: FilterBuilder): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await host.updateComplete;
    await element.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

afterEach(async () => {
  history.replaceState(null, '');
  await removeStores();
});

for (const [where, open] of [
  ['<segment-form>', inForm],
  ['<user-segments>', inPage],
] as const) {
  describe(`focus in the rule editor inside ${where}`, function () {
    this.timeout(60_000);

    it('lands on a defined control after every action, by keyboard alone', async () => {
      const { builder: b, settle } = await open(await seededStore());
      const press = async (key: string) => {
        await sendKeys({ press: key });
        await settle();
      };
      const expectFocus = (control: string, group: string, step: string) => {
        expect(focusedControl(), `focus after ${step}`).to.equal(control);
        expect(focusedIn()[0], `the group holding focus after ${step}`).to.equal(group);
      };

      // Add filter: the new condition's Field.
      b.filter.querySelector<HTMLElement>('[data-control="add-rule"]')!.focus();
      await press('Enter');
      expectFocus('combobox "Field"', 'Condition 1', 'Enter on Add filter');

      // A field change by arrow key keeps focus on Field.
      await press('ArrowDown');
      expect(b.read(b.condition(1)).field).to.equal('Phone');
      expectFocus('combobox "Field"', 'Condition 1', 'ArrowDown on Field');
      await press('ArrowUp');
      expect(b.read(b.condition(1)).field).to.equal('Email');

      // Operator, then a value typed and left with Tab.
      await press('Tab');
      expectFocus('combobox "Operator"', 'Condition 1', 'Tab to Operator');
      await press('ArrowDown');
      expect(b.read(b.condition(1)).operator).to.equal('is not');
      expectFocus('combobox "Operator"', 'Condition 1', 'ArrowDown on Operator');
      await press('Tab');
      expectFocus('textbox "Value"', 'Condition 1', 'Tab to Value');
      await sendKeys({ type: 'example.com' });
      await press('Tab');
      expectFocus('button "Remove"', 'Condition 1', 'Tab out of the value');
      expect(b.read(b.condition(1)).value).to.deep.equal(['example.com']);

      // A second condition, moved up with its button: focus follows it (Move up is now off).
      b.filter
        .querySelector<HTMLElement>(':scope > .group-actions [data-control="add-rule"]')!
        .focus();
      await press('Enter');
      expectFocus('combobox "Field"', 'Condition 2', 'the second Add filter');
      b.control(b.condition(2), 'button', 'Move up').focus();
      await press('Enter');
      expectFocus('button "Move down"', 'Condition 1', 'Move up');
      expect(b.read(b.condition(2)).value).to.deep.equal(['example.com']);

      // Alt+ArrowDown moves the focused condition back; focus stays on the same control.
      b.control(b.condition(1), 'combobox', 'Field').focus();
      await press('Alt+ArrowDown');
      expectFocus('combobox "Field"', 'Condition 2', 'Alt+ArrowDown');

      // Add group: its first condition's Field.
      b.control(b.filter, 'button', 'Add group').focus();
      await press('Enter');
      expectFocus('combobox "Field"', 'Condition 1', 'Add group');
      expect(focusedIn()[1]).to.equal('Group 1');

      // NOT and AND/OR of the whole filter keep focus where the seller pressed.
      b.control(b.filter, 'checkbox', 'NOT').focus();
      await press('Space');
      expectFocus('checkbox "NOT"', 'Filter', 'Space on NOT');
      b.control(b.filter, 'radio', 'AND').focus();
      await press('ArrowRight');
      expectFocus('radio "OR"', 'Filter', 'ArrowRight on AND');

      // Remove: the first control of what takes its place (here the group, then the condition
      // before it); once nothing is left, Add filter.
      b.control(b.condition(2), 'button', 'Remove').focus();
      await press('Enter');
      expectFocus('radio "AND"', 'Group 1', 'Remove');
      b.control(b.group(1), 'button', 'Remove group').focus();
      await press('Enter');
      expectFocus('combobox "Field"', 'Condition 1', 'Remove group');
      expect(b.read(b.condition(1)).value).to.deep.equal(['example.com']);
      b.control(b.condition(1), 'button', 'Remove').focus();
      await press('Enter');
      expectFocus('button "Add filter"', 'Filter', 'removing the last condition');
    });

    it('keeps a value typed right before the next click', async () => {
      const { builder: b, settle } = await open(await seededStore());
      await b.click('Add filter');
      await settle();
      const operator = b.control(b.condition(1), 'combobox', 'Operator') as HTMLSelectElement;
      operator.focus();
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' }); // "contains"
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'gmail.com' });
      // The next click comes at once, before anything settles.
      b.filter.querySelector<HTMLElement>('[data-control="add-rule"]')!.click();
      await settle();
      await waitUntil(() => b.conditions().length === 2, 'no second condition');
      await new Promise((resolve) => setTimeout(resolve, 400));
      await settle();
      expect(b.read(b.condition(1))).to.deep.equal({
        field: 'Email',
        operator: 'contains',
        value: ['gmail.com'],
      });
      expect((b.element.value as FilterGroup).rules[0]).to.deep.equal({
        field: 'email',
        operator: 'contains',
        value: 'gmail.com',
      });
    });

    it('a new condition stays quiet until it is edited or the form is submitted', async () => {
      const { builder: b, settle, submit } = await open(await seededStore());
      await b.click('Add filter');
      await settle();
      await b.click('Add filter');
      await settle();
      expect(b.errors(b.condition(1))).to.deep.equal([]);
      expect(b.errors(b.condition(2))).to.deep.equal([]);
      // Typed and left: only that one is edited; it is valid, the other still quiet.
      await b.type(b.condition(1), 'gmail.com');
      await settle();
      expect(b.errors(b.condition(1))).to.deep.equal([]);
      expect(b.errors(b.condition(2))).to.deep.equal([]);
      // Submit shows what is missing.
      await submit();
      expect(b.errors(b.condition(2))).to.deep.equal(['Enter a value.']);
    });
  });
}
