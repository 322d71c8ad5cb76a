/**
 * A seller at the demo admin, by mouse or by keyboard alone. Every step finds its control by
 * role and accessible name (through the page's shadow roots) and acts on it the way that seller
 * does: the mouse clicks at the control's position with real pointer events (so a control that
 * moves under the pointer loses the click, as it would for a person); the keyboard presses Tab
 * until the control has focus and then Enter, Space or the arrow keys, never calling focus().
 * Typing is real key presses in both modes.
 *
 * `eager` (the slow-CPU run) skips waiting for the page between a value typed and the next
 * action: the next click comes at once, and what was typed must survive it.
 */
import { waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { UserSegments } from '../../components/user-segments/user-segments.component.ts';
import { UserSegmentsHarness } from '../helpers/user-segments-harness.ts';
import { FilterBuilderHarness } from '../helpers/filter-builder-harness.ts';
import type { FilterBuilder } from '../../components/filter-builder/filter-builder.component.ts';
import { deepActiveElement, focusedControl } from '../helpers/focus.ts';
import { accessibleName, getAllByRole, getByRole, isShown, roleOf } from '../helpers/queries.ts';

export type InputMode = 'mouse' | 'keyboard';

const WAIT = { timeout: 30_000, interval: 25 };
/** Tab presses allowed to reach a control before the step fails as unreachable. */
const MAX_TABS = 150;

export class Seller {
  constructor(
    /** The demo admin's root (header, sidebar, the User Segments page). */
    readonly admin: HTMLElement,
    readonly mode: InputMode,
    readonly options: { eager?: boolean } = {},
  ) {}

  get page(): UserSegmentsHarness {
    const element = this.admin.querySelector<UserSegments>('user-segments');
    if (!element) throw new Error('the User Segments page is not shown');
    return new UserSegmentsHarness(element);
  }

  get builder(): FilterBuilderHarness {
    return new FilterBuilderHarness(this.page.filterBuilder as FilterBuilder);
  }

  // ---- primitives ----

  /** Clicks a button, link, tab, menu item or radio; or reaches it by Tab and presses Enter. */
  async activate(target: HTMLElement, key: 'Enter' | 'Space' = 'Enter'): Promise<void> {
    if (this.mode === 'mouse') await this.click(target);
    else {
      await this.tabTo(target);
      await sendKeys({ press: key });
    }
    await this.settle();
  }

  /** A real pointer click at the middle of `target`, scrolled into view as a person would. */
  async click(target: HTMLElement): Promise<void> {
    target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const box = target.getBoundingClientRect();
    await sendMouse({
      type: 'click',
      position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)],
    });
  }

  /** Presses Tab (and only Tab) until `target` has focus. */
  async tabTo(target: HTMLElement): Promise<void> {
    for (let i = 0; i < MAX_TABS && deepActiveElement() !== target; i++) {
      await sendKeys({ press: 'Tab' });
    }
    if (deepActiveElement() !== target) {
      throw new Error(
        `Tab never reached ${roleOf(target)} "${accessibleName(target)}"; focus is on ${focusedControl()}`,
      );
    }
  }

  /** Types into a text box (clicked, or reached by Tab), replacing what it held. */
  async fill(input: HTMLInputElement, text: string): Promise<void> {
    if (this.mode === 'mouse') await this.click(input);
    else await this.tabTo(input);
    if (input.value) await sendKeys({ press: 'Control+A' });
    if (text) await sendKeys({ type: text });
    else if (input.value) await sendKeys({ press: 'Backspace' });
    if (!this.options.eager) await this.settle();
  }

  /** Chooses an option of a select: from the list by pointer, or by arrow keys. */
  async pick(select: HTMLSelectElement, label: string): Promise<void> {
    const options = [...select.options].map((o) => o.text.trim());
    const to = options.indexOf(label);
    if (to < 0) throw new Error(`"${label}" is not offered; offered: ${options.join(', ')}`);
    if (this.mode === 'mouse') {
      const marker = `select-${Math.random().toString(36).slice(2)}`;
      select.dataset.journey = marker;
      await executeServerCommand('journey-select', { marker, label: select.options[to].text });
      delete select.dataset.journey;
    } else {
      await this.tabTo(select);
      const from = select.selectedIndex;
      for (let i = 0; i < Math.abs(to - from); i++) {
        await sendKeys({ press: to > from ? 'ArrowDown' : 'ArrowUp' });
      }
    }
    if (!this.options.eager) await this.settle();
  }

  /** Chooses a radio of a group: clicks it, or Tabs to the group and arrows to it. */
  async chooseRadio(group: HTMLElement, label: string): Promise<void> {
    const radios = getAllByRole(group, 'radio') as HTMLInputElement[];
    const target = radios.find((r) => accessibleName(r) === label);
    if (!target) throw new Error(`no radio "${label}"`);
    if (this.mode === 'mouse') await this.click(target);
    else {
      const checked = radios.find((r) => r.checked) ?? radios[0];
      await this.tabTo(checked);
      const from = radios.indexOf(checked);
      const to = radios.indexOf(target);
      for (let i = 0; i < Math.abs(to - from); i++) {
        await sendKeys({ press: to > from ? 'ArrowDown' : 'ArrowUp' });
      }
    }
    await this.settle();
  }

  /** Waits until every element of the page has rendered and a frame has painted. */
  async settle(): Promise<void> {
    for (let i = 0; i < 2; i++) {
      for (const element of litElements(this.admin)) await element.updateComplete;
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }

  async waitFor(check: () => unknown, message: string): Promise<void> {
    await waitUntil(check, message, WAIT);
    await this.settle();
  }

  // ---- the list ----

  async search(text: string): Promise<void> {
    await this.fill(this.page.list.search(), text);
  }

  async addNew(): Promise<void> {
    await this.activate(this.page.list.button('Add New'));
    await this.page.waitForForm();
    await this.settle();
  }

  async openTab(name: 'Segments' | 'Global'): Promise<void> {
    const tab = this.page.list.tab(name);
    if (this.mode === 'mouse') await this.click(tab);
    else {
      const selected = getAllByRole(this.page.list.root, 'tab').find(
        (t) => t.getAttribute('aria-selected') === 'true',
      )!;
      await this.tabTo(selected);
      if (selected !== tab) await sendKeys({ press: 'ArrowRight' });
    }
    await this.settle();
  }

  /** Selects a row by its name (the page then says how many users it has). */
  async selectRow(name: string): Promise<void> {
    const row = getAllByRole(this.page.list.root, 'button', { name }).find(
      (b) => b.getAttribute('aria-pressed') !== null,
    );
    if (!row) throw new Error(`no row "${name}"`);
    await this.activate(row);
  }

  /** The members view, when the page shows it. */
  get members(): HTMLElement | null {
    return this.page.root.querySelector<HTMLElement>('segment-members');
  }

  /** Opens a segment's members by clicking (or pressing Enter on) its name in the list. */
  async openMembers(name: string): Promise<void> {
    await this.selectRow(name);
    await this.waitFor(
      () => this.members && /\bmembers? of\b/.test(this.membersCount()),
      `the members of "${name}"`,
    );
  }

  /** "1,234 members of 10,000 customers", as the members view says it. */
  membersCount(): string {
    const count = this.members?.shadowRoot?.querySelector('.count');
    return (count?.textContent ?? '').replace(/\s+/g, ' ').trim();
  }

  /** Presses "Back to segments" and waits for the list. */
  async backToSegments(): Promise<void> {
    const back = getAllByRole(this.members!.shadowRoot!, 'button', {
      name: /Back to segments/,
    })[0]!;
    await this.activate(back);
    await this.page.waitForList();
  }

  /**
   * Presses "Export CSV" in the members view and catches the file the browser would save: its
   * name and its rows (the BOM and the CRLF line ends checked on the way).
   */
  async exportMembers(): Promise<{ fileName: string; lines: string[] }> {
    const root = this.members!.shadowRoot!;
    return this.catchDownload(root, () =>
      this.activate(getAllByRole(root, 'button', { name: 'Export CSV' })[0]!),
    );
  }

  /**
   * Runs `press` and catches the file a download link under `root` would save (kept out of the
   * test browser's downloads): its name and its rows, the UTF-8 BOM checked on the way.
   */
  async catchDownload(
    root: Node,
    press: () => Promise<void>,
  ): Promise<{ fileName: string; lines: string[] }> {
    let link: HTMLAnchorElement | undefined;
    const intercept = (event: Event) => {
      const target = event.composedPath()[0];
      if (target instanceof HTMLAnchorElement && target.hasAttribute('download')) {
        link = target;
        event.preventDefault();
      }
    };
    root.addEventListener('click', intercept, { capture: true });
    try {
      await press();
      await this.waitFor(() => link, 'the downloaded file');
    } finally {
      root.removeEventListener('click', intercept, { capture: true });
    }
    const bytes = new Uint8Array(await (await fetch(link!.href)).arrayBuffer());
    if (bytes[0] !== 0xef || bytes[1] !== 0xbb || bytes[2] !== 0xbf) {
      throw new Error('the downloaded file has no UTF-8 BOM');
    }
    const text = new TextDecoder().decode(bytes);
    return { fileName: link!.download, lines: text.split('\r\n').filter(Boolean) };
  }

  // ---- the campaign form ----

  /**
   * Chooses a segment in the picker's Include or Exclude box: clicks the box and the option, or
   * Tabs to the box, types part of the name, arrows to the option and presses Enter; then
   * leaves the list (Escape, or a click beside it).
   */
  async pickSegment(
    picker: HTMLElement,
    list: 'Include' | 'Exclude',
    name: string,
    typed: string,
    /** Runs while the option is on show, before it is chosen (a screenshot, axe). */
    whileOpen?: () => Promise<void>,
  ): Promise<void> {
    const root = picker.shadowRoot!;
    const box = getByRole(root, 'combobox', { name: list }) as HTMLInputElement;
    const listbox = () => getByRole(root, 'listbox', { name: `${list}: Segments` });
    const option = () =>
      getAllByRole(listbox(), 'option').find(
        (o) => o.querySelector('.option-name')?.textContent?.trim() === name,
      );
    if (this.mode === 'mouse') {
      await this.click(box);
      await this.waitFor(option, `"${name}" was never offered`);
      await whileOpen?.();
      await this.click(option()!);
      await this.settle();
      // A click on the page's heading, clear of the popup (which covers what lies below the
      // box on a phone), closes the list as a person leaves it.
      await this.click(this.admin.querySelector('h1')!);
    } else {
      await this.tabTo(box);
      await sendKeys({ type: typed });
      await this.waitFor(option, `"${name}" was never offered`);
      await whileOpen?.();
      for (let i = 0; i < 60 && box.getAttribute('aria-activedescendant') !== option()!.id; i++) {
        await sendKeys({ press: 'ArrowDown' });
        await this.settle();
      }
      await sendKeys({ press: 'Enter' });
      await this.settle();
      await sendKeys({ press: 'Escape' });
    }
    await this.settle();
  }

  /** Opens a row's three-dot menu and chooses `action` in it. */
  async rowAction(name: string, action: 'Edit' | 'Duplicate' | 'Delete'): Promise<void> {
    const list = this.page.list;
    const button = list.menuButton(name);
    if (this.mode === 'mouse') {
      await this.click(button);
      await this.settle();
      const menu = getByRole(list.root, 'menu');
      await this.click(getByRole(menu, 'menuitem', { name: action }));
    } else {
      await this.tabTo(button);
      await sendKeys({ press: 'Enter' });
      await this.settle();
      const menu = getByRole(list.root, 'menu');
      const items = getAllByRole(menu, 'menuitem');
      const to = items.findIndex((item) => accessibleName(item) === action);
      if (to < 0) throw new Error(`no menu item ${action}`);
      for (let i = 0; i < to; i++) await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
    }
    await this.settle();
  }

  /** Presses Delete in the open confirmation dialog. */
  async confirmDelete(): Promise<void> {
    const list = this.page.list;
    await waitUntil(() => list.dialog(), 'the delete dialog never opened', WAIT);
    await this.activate(getByRole(list.dialog()!, 'button', { name: 'Delete' }));
    await waitUntil(() => !list.dialog(), 'the delete dialog never closed', WAIT);
  }

  // ---- the form ----

  async typeName(name: string): Promise<void> {
    await this.fill(this.page.nameField(), name);
  }

  async chooseType(type: 'CSV' | 'Filter'): Promise<void> {
    await this.chooseRadio(getByRole(this.page.form, 'group', { name: 'Type' }), type);
  }

  /** Editing a CSV segment: what to do with its contacts. */
  async chooseContacts(
    choice: 'Keep the contacts' | 'Add contacts from a file' | 'Replace all contacts',
  ): Promise<void> {
    await this.chooseRadio(getByRole(this.page.form, 'group', { name: 'Contacts' }), choice);
  }

  /** "Add filter" of the whole filter, then Field, Operator and Value of the new condition. */
  async addCondition(field: string, operator: string, value: string): Promise<void> {
    const b = this.builder;
    const before = b.conditions().length;
    const add = getAllByRole(b.filter, 'button', { name: 'Add filter' }).at(-1)!;
    await this.activate(add);
    await waitUntil(() => b.conditions().length === before + 1, 'no condition was added', WAIT);
    const row = b.condition(before + 1);
    await this.pick(b.control(row, 'combobox', 'Field') as HTMLSelectElement, field);
    await this.pick(b.control(row, 'combobox', 'Operator') as HTMLSelectElement, operator);
    await this.typeValue(b.control(row, 'textbox', 'Value') as HTMLInputElement, value);
  }

  /** Types a value; a date (given as YYYY-MM-DD) as an English page writes it, day first. */
  async typeValue(input: HTMLInputElement, value: string): Promise<void> {
    const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!date) return this.fill(input, value);
    const [, year, month, day] = date;
    await this.fill(input, `${day}/${month}/${year}`);
  }

  async removeCondition(n: number): Promise<void> {
    const b = this.builder;
    await this.activate(b.control(b.condition(n), 'button', 'Remove') as HTMLElement);
  }

  /** Chooses a file with "Choose CSV file" (the file picker gets it) and waits for the result. */
  async chooseCsv(name: string, text: string): Promise<void> {
    await executeServerCommand('next-file', { name, text });
    const mapper = this.page.csvMapper;
    const choose =
      mapper.element.shadowRoot!.querySelector<HTMLElement>('[part~="choose-button"]')!;
    await this.activate(choose);
    await this.waitFor(
      () => mapper.element.report !== null || mapper.alerts().length > 0,
      'the chosen file was never checked',
    );
  }

  async submit(): Promise<void> {
    await this.activate(this.page.formButton(/^(Submit|Save)$/));
  }

  async cancel(): Promise<void> {
    await this.activate(this.page.formButton('Cancel'));
  }
}

/** Our elements on the page, inside shadow roots too. */
function litElements(root: ParentNode): (HTMLElement & { updateComplete: Promise<unknown> })[] {
  const found: (HTMLElement & { updateComplete: Promise<unknown> })[] = [];
  const visit = (node: ParentNode) => {
    for (const el of node.querySelectorAll<HTMLElement>('*')) {
      if ('updateComplete' in el)
        found.push(el as HTMLElement & { updateComplete: Promise<unknown> });
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(root);
  return found.filter((el) => isShown(el));
}
