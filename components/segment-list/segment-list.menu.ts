/**
 * The keyboard and pointer rules of a menu button (WAI-ARIA APG "menu button"): Enter, Space
 * and ArrowDown open the menu on its first item, ArrowUp on its last; in the menu the arrows
 * move (wrapping), Home and End jump, Escape closes and returns focus to the button, Tab closes
 * and lets focus move on, a press outside closes. The element renders the menu; this controller
 * keeps which one is open, moves focus, and places the menu: below its button, or above it when
 * there is no room below (the last rows on a phone), shifted to stay inside the viewport, and
 * following the button as the page scrolls or resizes (@floating-ui/dom).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { autoUpdate, computePosition, flip, offset, shift } from '@floating-ui/dom';

export interface OpenMenu {
  /** Whose menu it is (a segment id). */
  key: string;
  /** Item to focus once rendered: 0 = first, -1 = last. */
  focus: number;
}

/** Space kept between the menu and the viewport's edges, in px. */
const EDGE = 8;

export class MenuButtonController implements ReactiveController {
  open: OpenMenu | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** The open menu's items, in order, and the button that opened it. */
    private readonly parts: {
      items: () => HTMLElement[];
      button: (key: string) => HTMLElement | null;
      /** The open menu's element. */
      menu: () => HTMLElement | null;
    },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('pointerdown', this.onOutside, true);
  }

  hostDisconnected(): void {
    document.removeEventListener('pointerdown', this.onOutside, true);
    this.stopPlacing();
  }

  hostUpdated(): void {
    this.place();
    if (!this.open || this.open.focus === Number.MIN_SAFE_INTEGER) return;
    const items = this.parts.items();
    const index = this.open.focus < 0 ? items.length + this.open.focus : this.open.focus;
    items[index]?.focus({ preventScroll: true });
    this.open.focus = Number.MIN_SAFE_INTEGER; // focused once; later renders leave focus alone
  }

  /** Opens (or closes, when already open) the menu of `key` below `button`. */
  toggle(key: string, _button: HTMLElement, focus = 0): void {
    if (this.open?.key === key) return this.close(true);
    this.stopPlacing();
    this.open = { key, focus };
    this.host.requestUpdate();
  }

  close(returnFocus: boolean): void {
    if (!this.open) return;
    const { key } = this.open;
    this.stopPlacing();
    this.open = null;
    this.host.requestUpdate();
    if (returnFocus) this.parts.button(key)?.focus();
  }

  /** keydown on a menu button. */
  onButtonKeyDown(event: KeyboardEvent, key: string): void {
    const button = event.currentTarget as HTMLElement;
    if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      if (this.open?.key !== key) this.toggle(key, button, 0);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (this.open?.key !== key) this.toggle(key, button, -1);
    }
  }

  /** keydown inside the open menu. */
  onMenuKeyDown(event: KeyboardEvent): void {
    const items = this.parts.items();
    const current = items.indexOf(event.composedPath()[0] as HTMLElement);
    const move = (index: number) => {
      event.preventDefault();
      items[(index + items.length) % items.length]?.focus();
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(current + 1);
      case 'ArrowUp':
        return move(current - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(items.length - 1);
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        return this.close(true);
      case 'Tab':
        return this.close(false);
    }
  }

  private readonly onOutside = (event: Event): void => {
    if (!this.open) return;
    const path = event.composedPath();
    const inside = path.some(
      (node) =>
        node instanceof HTMLElement &&
        (node.getAttribute('role') === 'menu' || node.dataset.menuButton === this.open?.key),
    );
    if (!inside) this.close(false);
  };

  private placing?: { menu: HTMLElement; button: HTMLElement; stop: () => void };

  /**
   * Places the rendered menu at its button and keeps it there (scroll, resize, the button
   * moving) until it closes; a menu whose button has gone (its row deleted) closes.
   */
  private place(): void {
    if (!this.open) return this.stopPlacing();
    const menu = this.parts.menu();
    const button = this.parts.button(this.open.key);
    if (!menu || !button) return this.close(false);
    if (this.placing?.menu === menu && this.placing.button === button) return;
    this.stopPlacing();
    const update = () =>
      void computePosition(button, menu, {
        strategy: 'fixed',
        placement: 'bottom-end',
        middleware: [offset(4), flip({ padding: EDGE }), shift({ padding: EDGE })],
      }).then(({ x, y }) => {
        menu.style.left = `${x}px`;
        menu.style.top = `${y}px`;
      });
    this.placing = { menu, button, stop: autoUpdate(button, menu, update) };
  }

  private stopPlacing(): void {
    this.placing?.stop();
    this.placing = undefined;
  }
}
