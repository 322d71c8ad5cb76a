/**
 * Drives the User Segments page (`<user-segments>`, alone or inside the demo admin) as a seller
 * does: the list through `SegmentListHarness`, the form by its labels, the CSV mapper through
 * `CsvMapperHarness`, and the rule editor through its public contract only (rows of "Field",
 * "Operator", "Value" and an "Add filter" button), so the steps read like the help page.
 */
import { waitUntil } from '@open-wc/testing';
import type { UserSegments } from '../../components/user-segments/user-segments.component.ts';
import type { SegmentList } from '../../components/segment-list/segment-list.component.ts';
import type { SegmentForm } from '../../components/segment-form/segment-form.component.ts';
import type { CsvMapper } from '../../components/csv-mapper/csv-mapper.component.ts';
import { SegmentListHarness } from './segment-list-harness.ts';
import { CsvMapperHarness } from './csv-mapper-harness.ts';
import { getAllByRole, getByRole, isShown } from './queries.ts';

const WAIT = { timeout: 20_000, interval: 25 };

export class UserSegmentsHarness {
  constructor(readonly element: UserSegments) {}

  get root(): ShadowRoot {
    return this.element.shadowRoot!;
  }

  get list(): SegmentListHarness {
    return new SegmentListHarness(this.root.querySelector<SegmentList>('segment-list')!);
  }

  /** The open form, if the page shows one. */
  get formElement(): SegmentForm | null {
    const form = this.root.querySelector<SegmentForm>('segment-form');
    return form && isShown(form) ? form : null;
  }

  get form(): ShadowRoot {
    const form = this.formElement;
    if (!form) throw new Error('no form is open');
    return form.shadowRoot!;
  }

  isListShown(): boolean {
    return isShown(this.list.element) && !this.formElement;
  }

  async waitForForm(): Promise<void> {
    await waitUntil(
      () => this.formElement?.shadowRoot?.querySelector('#name'),
      'the form never opened',
      WAIT,
    );
    await this.formElement!.updateComplete;
  }

  async waitForList(): Promise<void> {
    await waitUntil(() => this.isListShown(), 'the list never came back', WAIT);
  }

  formButton(name: string | RegExp): HTMLButtonElement {
    return getByRole(this.form, 'button', { name }) as HTMLButtonElement;
  }

  nameField(): HTMLInputElement {
    return getByRole(this.form, 'textbox', { name: 'Name' }) as HTMLInputElement;
  }

  async typeName(text: string): Promise<void> {
    const input = this.nameField();
    input.focus();
    input.value = text;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await this.formElement!.updateComplete;
  }

  async chooseType(label: 'CSV' | 'Filter'): Promise<void> {
    const type = getByRole(this.form, 'group', { name: 'Type' });
    const radio = getByRole(type, 'radio', { name: label }) as HTMLInputElement;
    radio.click();
    await this.formElement!.updateComplete;
  }

  /** The text under the Name field (its error), or ''. */
  nameError(): string {
    const ids = this.nameField().getAttribute('aria-describedby') ?? '';
    const error = ids.includes('name-error') ? this.form.querySelector('#name-error') : null;
    return error?.textContent?.trim() ?? '';
  }

  formAlerts(): string[] {
    return getAllByRole(this.form, 'alert').map((a) =>
      (a.textContent ?? '').replace(/\s+/g, ' ').trim(),
    );
  }

  async submit(): Promise<void> {
    this.formButton('Submit').click();
    await this.formElement?.updateComplete;
  }

  // ---- the rule editor, through its contract ----

  get filterBuilder(): HTMLElement & { updateComplete?: Promise<unknown> } {
    const builder = this.form.querySelector<HTMLElement>('filter-builder');
    if (!builder || !isShown(builder)) throw new Error('no filter-builder is shown');
    return builder;
  }

  /** Adds a condition with "Add filter" and sets its Field, Operator and Value by their labels. */
  async addCondition(field: string, operator: string, value: string): Promise<void> {
    const builder = this.filterBuilder;
    const root = builder.shadowRoot!;
    getAllByRole(root, 'button', { name: 'Add filter' })[0].click();
    await settle(builder);
    await choose(last(getAllByRole(root, 'combobox', { name: /^Field\b/ })), field, builder);
    await choose(last(getAllByRole(root, 'combobox', { name: /^Operator\b/ })), operator, builder);
    const input = last(getAllByRole(root, 'textbox', { name: /^Value\b/ })) as HTMLInputElement;
    input.focus();
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    input.blur();
    await settle(builder);
  }

  // ---- the CSV mapper ----

  get csvMapper(): CsvMapperHarness {
    const mapper = this.form.querySelector<CsvMapper>('csv-mapper');
    if (!mapper) throw new Error('no csv-mapper in the form');
    return new CsvMapperHarness(mapper);
  }
}

function last<T>(items: T[]): T {
  if (!items.length) throw new Error('nothing found');
  return items[items.length - 1];
}

async function settle(element: HTMLElement & { updateComplete?: Promise<unknown> }) {
  await element.updateComplete;
  await new Promise((resolve) => requestAnimationFrame(resolve));
}

async function choose(
  select: HTMLElement,
  option: string,
  builder: HTMLElement & { updateComplete?: Promise<unknown> },
) {
  const element = select as HTMLSelectElement;
  const found = [...element.options].find((o) => o.text.trim() === option);
  if (!found) {
    throw new Error(
      `"${option}" is not offered; offered: ${[...element.options].map((o) => o.text.trim()).join(', ')}`,
    );
  }
  element.focus();
  element.value = found.value;
  element.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  element.dispatchEvent(new Event('change', { bubbles: true }));
  await settle(builder);
}
