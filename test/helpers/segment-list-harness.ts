/**
 * Drives a `<segment-list>` as a seller does — switch tabs, type a search, open a row's menu,
 * choose an action, confirm — and reads back what they see, by role and accessible name.
 */
import { waitUntil } from '@open-wc/testing';
import type { SegmentList } from '../../components/segment-list/segment-list.component.ts';
import { accessibleName, getAllByRole, getByRole, queryByRole } from './queries.ts';

const WAIT = { timeout: 15_000, interval: 20 };

export interface SeenRow {
  name: string;
  type: string;
  users: string;
}

export class SegmentListHarness {
  constructor(readonly element: SegmentList) {}

  get root(): ShadowRoot {
    return this.element.shadowRoot!;
  }

  tab(name: string): HTMLElement {
    return getByRole(this.root, 'tab', { name });
  }

  selectedTab(): string {
    return accessibleName(
      getAllByRole(this.root, 'tab').find((t) => t.getAttribute('aria-selected') === 'true')!,
    );
  }

  search(): HTMLInputElement {
    return getByRole(this.root, 'textbox', { name: 'Search segments' }) as HTMLInputElement;
  }

  button(name: string | RegExp): HTMLButtonElement {
    return getByRole(this.root, 'button', { name }) as HTMLButtonElement;
  }

  /** Types into the search field as keystrokes would (one input event per character). */
  async typeSearch(text: string): Promise<void> {
    const input = this.search();
    input.focus();
    for (const char of text) {
      input.value += char;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    }
  }

  /** The rows on screen, as read: name, type, users. */
  rows(): SeenRow[] {
    const table = queryByRole(this.root, 'table');
    if (!table) return [];
    return getAllByRole(table, 'row')
      .slice(1)
      .map((row) => {
        const cells = getAllByRole(row, 'cell').map((c) => (c.textContent ?? '').trim());
        const name = accessibleName(getAllByRole(row, 'button')[0]);
        const users = cells[2].replace(/\s+/g, ' ');
        return { name, type: cells[1], users };
      });
  }

  names(): string[] {
    return this.rows().map((r) => r.name);
  }

  row(name: string): SeenRow {
    const row = this.rows().find((r) => r.name === name);
    if (!row) throw new Error(`no row "${name}"; rows: ${this.names().join(', ')}`);
    return row;
  }

  status(): string {
    return (this.root.querySelector('[part~=status]')?.textContent ?? '')
      .replace(/\s+/g, ' ')
      .trim();
  }

  alerts(): string[] {
    return getAllByRole(this.root, 'alert').map((a) =>
      (a.textContent ?? '').replace(/\s+/g, ' ').trim(),
    );
  }

  /** Waits until the list has settled (no load pending) and `check` holds. */
  async waitFor(check: () => boolean, message: string): Promise<void> {
    await waitUntil(
      () => {
        const busy = this.root.querySelector('[role=table][aria-busy=true]');
        return !busy && !/Loading/.test(this.status()) && check();
      },
      message,
      WAIT,
    );
    await this.element.updateComplete;
  }

  async waitForRow(name: string): Promise<SeenRow> {
    await this.waitFor(() => this.names().includes(name), `no row "${name}" appeared`);
    return this.row(name);
  }

  menuButton(name: string): HTMLButtonElement {
    return this.button(`Actions for ${name}`);
  }

  /** The open menu's items, by name. */
  menuItems(): string[] {
    const menu = queryByRole(this.root, 'menu');
    return menu ? getAllByRole(menu, 'menuitem').map((i) => accessibleName(i)) : [];
  }

  /** Clicks a row's three-dot button and then the item `action`. */
  async choose(name: string, action: string): Promise<void> {
    this.menuButton(name).click();
    await this.element.updateComplete;
    const menu = getByRole(this.root, 'menu');
    getByRole(menu, 'menuitem', { name: action }).click();
    await this.element.updateComplete;
  }

  dialog(): HTMLDialogElement | null {
    const dialog = this.root.querySelector('dialog');
    return dialog?.open ? dialog : null;
  }

  async confirmDelete(): Promise<void> {
    await waitUntil(() => this.dialog(), 'the delete dialog never opened', WAIT);
    getByRole(this.dialog()!, 'button', { name: 'Delete' }).click();
    await waitUntil(() => !this.dialog(), 'the delete dialog never closed', WAIT);
  }

  /** The element focused inside the list's shadow root. */
  focused(): Element | null {
    return this.root.activeElement;
  }
}
