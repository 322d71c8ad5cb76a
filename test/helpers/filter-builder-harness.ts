/**
 * Drives a `<filter-builder>` the way a seller does — by keyboard (real key presses in Chromium)
 * or by pointer — and reads back what they would see or hear, finding every control by role and
 * accessible name.
 */
import { waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { FilterBuilder } from '../../components/filter-builder/filter-builder.component.ts';
import { accessibleName, getAllByRole, getByRole, queryByRole, roleOf } from './queries.ts';

/** The count waits 300 ms after the last edit, then asks the adapter; allow a busy machine. */
const WAIT = { timeout: 10_000, interval: 20 };

export class FilterBuilderHarness {
  constructor(readonly element: FilterBuilder) {}

  get root(): ShadowRoot {
    const root = this.element.shadowRoot;
    if (!root) throw new Error('<filter-builder> has no shadow root');
    return root;
  }

  /** The outermost group ("Filter"). */
  get filter(): HTMLElement {
    return getByRole(this.root, 'group', { name: 'Filter' });
  }

  /** Condition `n` (1-based) of `group` (the whole filter by default), counted in that group. */
  condition(n: number, group: HTMLElement = this.filter): HTMLElement {
    const row = this.conditions(group)[n - 1];
    if (!row) throw new Error(`there is no condition ${n}`);
    return row;
  }

  /** The conditions directly in `group`, in order. */
  conditions(group: HTMLElement = this.filter): HTMLElement[] {
    const rules = group.querySelector(':scope > .rules')!;
    return [...rules.children].filter(
      (el): el is HTMLElement =>
        el instanceof HTMLElement && /^Condition \d+$/.test(accessibleName(el)),
    );
  }

  /** Nested group `n` (1-based) of `group`. */
  group(n: number, group: HTMLElement = this.filter): HTMLElement {
    const rules = group.querySelector(':scope > .rules')!;
    const found = [...rules.children].filter((el) => /^Group \d+$/.test(accessibleName(el)))[n - 1];
    if (!found) throw new Error(`there is no group ${n}`);
    return found as HTMLElement;
  }

  /** A control of a condition or group by role and name, e.g. ('combobox', 'Field'). */
  control(scope: HTMLElement, role: string, name: string | RegExp): HTMLElement {
    return (
      getAllByRole(scope, role, { name }).find((el) => this.ownerOf(el) === scope) ??
      getByRole(scope, role, { name })
    );
  }

  /** The visible values of a condition: field, operator and the value inputs' texts. */
  read(row: HTMLElement): { field: string; operator: string; value: string[] } {
    const selected = (name: string) => {
      const select = queryByRole(row, 'combobox', { name }) as HTMLSelectElement | null;
      return select ? (select.selectedOptions[0]?.text.trim() ?? '') : '';
    };
    const inputs = getAllByRole(row, 'textbox')
      .concat(
        getAllByRole(row, 'combobox').filter(
          (el) => !['Field', 'Operator'].includes(accessibleName(el)),
        ),
      )
      .map((el) =>
        el instanceof HTMLSelectElement
          ? (el.selectedOptions[0]?.text.trim() ?? '')
          : (el as HTMLInputElement).value,
      );
    return { field: selected('Field'), operator: selected('Operator'), value: inputs };
  }

  /** The chips of a condition, as shown. */
  chips(row: HTMLElement): string[] {
    return [...row.querySelectorAll('.chip')].map((chip) =>
      [...chip.childNodes]
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent)
        .join('')
        .trim(),
    );
  }

  /** Clicks a button of `scope` (the whole filter by default). */
  async click(name: string | RegExp, scope: HTMLElement = this.filter): Promise<void> {
    this.ownButton(scope, name).click();
    await this.settle();
  }

  /** Focuses a button and presses Enter on it with the real keyboard. */
  async pressButton(name: string | RegExp, scope: HTMLElement = this.filter): Promise<void> {
    this.ownButton(scope, name).focus();
    await sendKeys({ press: 'Enter' });
    await this.settle();
  }

  /** Picks an option of a select by its visible text (as from the drop-down). */
  async choose(row: HTMLElement, name: string, option: string): Promise<void> {
    const select = getByRole(row, 'combobox', { name }) as HTMLSelectElement;
    const found = [...select.options].find((o) => o.text.trim() === option);
    if (!found) {
      const offered = [...select.options].map((o) => o.text.trim()).join(', ');
      throw new Error(`"${option}" is not offered by ${name}; offered: ${offered}`);
    }
    select.focus();
    select.value = found.value;
    select.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await this.settle();
  }

  /** Types into a box key by key with the real keyboard, then leaves it with Tab. */
  async type(row: HTMLElement, text: string, name = 'Value', { leave = true } = {}): Promise<void> {
    const input = getByRole(row, 'textbox', { name }) as HTMLInputElement;
    input.focus();
    input.select();
    if (text === '') await sendKeys({ press: 'Backspace' });
    else await sendKeys({ type: text });
    if (leave) await sendKeys({ press: 'Tab' });
    await this.settle();
  }

  /** Presses keys on whatever has focus, e.g. 'Alt+ArrowUp', 'Enter', 'Backspace'. */
  async press(key: string): Promise<void> {
    await sendKeys({ press: key });
    await this.settle();
  }

  /** Focuses a control of a condition, by role and name. */
  focus(row: HTMLElement, role: string, name: string): void {
    getByRole(row, role, { name }).focus();
  }

  /** The focused control as `role "name"`, followed through the shadow root. */
  focused(): string {
    const el = this.root.activeElement;
    return el ? `${roleOf(el)} "${accessibleName(el)}"` : 'nothing';
  }

  /** The condition holding the focus, as its accessible name. */
  focusedCondition(): string {
    const row = this.root.activeElement?.closest('[role="group"]');
    return row ? accessibleName(row) : 'none';
  }

  /**
   * The messages beside a condition's controls that describe an invalid control to a screen
   * reader (a date box's standing hint on its order is not one of them).
   */
  errors(row: HTMLElement): string[] {
    // Both inputs of a range can point at the same message: it is shown once.
    const messages = [...row.querySelectorAll('[aria-invalid="true"]')].flatMap((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .map((id) => (id ? this.root.getElementById(id) : null))
        .filter((found) => found?.matches('[part~="error"]'))
        .map((found) => (found!.textContent ?? '').replace(/\s+/g, ' ').trim()),
    );
    return [...new Set(messages)];
  }

  /** The live count as shown, e.g. "1,234 of 10,000 customers (12.3%)". */
  count(): string {
    return text(this.root.querySelector('[part~="count"]'));
  }

  /** Waits until the count shows `expected` (text or pattern). */
  async waitForCount(expected: string | RegExp): Promise<string> {
    const ok = () =>
      typeof expected === 'string' ? this.count() === expected : expected.test(this.count());
    try {
      await waitUntil(ok, '', WAIT);
    } catch {
      throw new Error(`the count never showed ${String(expected)}; it shows "${this.count()}"`);
    }
    return this.count();
  }

  /** The filter in words, without its label. */
  summary(): string {
    return text(this.root.querySelector('[part~="summary"]')).replace(/^[^:]*:\s*/, '');
  }

  /** What the live region last announced (moves, removals). */
  announcement(): string {
    return text(this.root.querySelector('.sr-only[role="status"]:not([data-announce])'));
  }

  /** What screen readers last heard about the count (settled counts only). */
  countAnnouncement(): string {
    return text(this.root.querySelector('[data-announce="count"]'));
  }

  private ownButton(scope: HTMLElement, name: string | RegExp): HTMLElement {
    // In a condition or group, its own buttons (not those of a nested group); elsewhere, any.
    const grouped = scope.getAttribute('role') === 'group';
    const own = getAllByRole(scope, 'button', { name }).filter(
      (el) => !grouped || this.ownerOf(el) === scope,
    );
    if (own.length !== 1) {
      const names = getAllByRole(scope, 'button').map(accessibleName).join(', ');
      throw new Error(
        `${own.length} buttons named ${String(name)} of their own; present: ${names}`,
      );
    }
    return own[0];
  }

  /** The nearest condition or group an element belongs to. */
  private ownerOf(el: Element): Element | null {
    return el.parentElement?.closest('[role="group"]:not(fieldset)') ?? null;
  }

  private async settle(): Promise<void> {
    await this.element.updateComplete;
  }
}

const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
