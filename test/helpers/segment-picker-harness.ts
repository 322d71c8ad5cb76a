/**
 * `<segment-picker>` as a seller meets it: the Include and Exclude boxes found by their names,
 * the options of the open list, the chips, the audience line and what it announced.
 */
import { waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SegmentPicker } from '../../components/segment-picker/segment-picker.component.ts';
import { accessibleName, getAllByRole, getByRole, queryByRole } from './queries.ts';

export type ListName = 'Include' | 'Exclude';

const text = (el: Element | null | undefined) =>
  (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

export class SegmentPickerHarness {
  constructor(readonly element: SegmentPicker) {}

  get root(): ShadowRoot {
    return this.element.shadowRoot!;
  }

  box(list: ListName): HTMLInputElement {
    return getByRole(this.root, 'combobox', { name: list }) as HTMLInputElement;
  }

  listbox(list: ListName): HTMLElement | null {
    return queryByRole(this.root, 'listbox', { name: `${list}: Segments` });
  }

  /** The options of a list's open popup; empty while it is closed. */
  options(list: ListName): HTMLElement[] {
    const box = this.listbox(list);
    return box ? getAllByRole(box, 'option') : [];
  }

  /** An option's segment name (its first line). */
  optionName(option: HTMLElement): string {
    return text(option.querySelector('.option-name'));
  }

  option(list: ListName, name: string): HTMLElement {
    const found = this.options(list).find((o) => this.optionName(o) === name);
    if (!found) {
      throw new Error(
        `no option "${name}" in ${list}: ${this.options(list)
          .map((o) => this.optionName(o))
          .join(', ')}`,
      );
    }
    return found;
  }

  /** The option `aria-activedescendant` points at. */
  activeOption(list: ListName): string | undefined {
    const id = this.box(list).getAttribute('aria-activedescendant');
    return id ? this.optionName(this.root.getElementById(id)!) : undefined;
  }

  /** The chips' names of a list, in order. */
  chips(list: ListName): string[] {
    const chips = queryByRole(this.root, 'list', {
      name: list === 'Include' ? 'Included segments' : 'Excluded segments',
    });
    return chips
      ? getAllByRole(chips, 'listitem').map((li) => text(li.querySelector('.chip-name')))
      : [];
  }

  removeButton(name: string): HTMLElement {
    return getByRole(this.root, 'button', { name: `Remove ${name}` });
  }

  /** The audience line as it reads. */
  audience(): string {
    return text(this.root.querySelector('[part~="audience"] [role="status"]'));
  }

  alerts(): string[] {
    return getAllByRole(this.root, 'alert').map((a) => text(a));
  }

  announced(): string {
    return text(this.root.querySelector('.sr-only[role="status"]'));
  }

  async waitForOption(list: ListName, name: string): Promise<HTMLElement> {
    await waitUntil(
      () => this.options(list).some((o) => this.optionName(o) === name),
      `option "${name}" never offered in ${list}`,
      { timeout: 10_000 },
    );
    return this.option(list, name);
  }

  async waitForAudience(expected: string | RegExp): Promise<void> {
    await waitUntil(
      () =>
        typeof expected === 'string'
          ? this.audience() === expected
          : expected.test(this.audience()),
      `the audience never read "${expected}"`,
      { timeout: 10_000 },
    );
  }

  /** Focuses a box and types into it with real key presses. */
  async type(list: ListName, value: string): Promise<void> {
    this.box(list).focus();
    await sendKeys({ type: value });
    await this.element.updateComplete;
  }

  async press(key: string): Promise<void> {
    await sendKeys({ press: key });
    await this.element.updateComplete;
  }

  /** The accessible name of what has focus inside the element. */
  focused(): string {
    const active = this.root.activeElement;
    return active ? accessibleName(active) : '';
  }
}
