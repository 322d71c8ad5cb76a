/**
 * The keyboard and pointer rules of a menu button (WAI-ARIA APG "menu button"): Enter, Space
 * and ArrowDown open the menu on its first item, ArrowUp on its last; in the menu the arrows
 * move (wrapping), Home and End jump, Escape closes and returns focus to the button, Tab closes
 * and lets focus move on, a press outside closes. The element renders the menu; this controller
 * keeps which one is open and moves focus.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface OpenMenu {
  /** Whose menu it is (a segment id). */
  key: string;
  /** Where to draw it: below-right of the button, kept inside the viewport. */
  top: number;
  right: number;
  /** Item to focus once rendered: 0 = first, -1 = last. */
  focus: number;
}

export class MenuButtonController implements ReactiveController {
  open: OpenMenu | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** The open menu's items, in order, and the button that opened it. */
    private readonly parts: {
      items: () => HTMLElement[];
      button: (key: string) => HTMLElement | null;
    },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('pointerdown', this.onOutside, true);
    window.addEventListener('resize', this.onViewportChange);
    window.addEventListener('scroll', this.onViewportChange, true);
  }

  hostDisconnected(): void {
    document.removeEventListener('pointerdown', this.onOutside, true);
    window.removeEventListener('resize', this.onViewportChange);
    window.removeEventListener('scroll', this.onViewportChange, true);
  }

  hostUpdated(): void {
    if (!this.open || this.open.focus === Number.MIN_SAFE_INTEGER) return;
    const items = this.parts.items();
    const index = this.open.focus < 0 ? items.length + this.open.focus : this.open.focus;
    items[index]?.focus({ preventScroll: true });
    this.open.focus = Number.MIN_SAFE_INTEGER; // focused once; later renders leave focus alone
  }

  /** Opens (or closes, when already open) the menu of `key` below `button`. */
  toggle(key: string, button: HTMLElement, focus = 0): void {
    if (this.open?.key === key) return this.close(true);
    const box = button.getBoundingClientRect();
    this.open = {
      key,
      top: box.bottom + 4,
      right: Math.max(8, window.innerWidth - box.right),
      focus,
    };
    this.host.requestUpdate();
  }

  close(returnFocus: boolean): void {
    if (!this.open) return;
    const { key } = this.open;
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

  private readonly onViewportChange = (event: Event): void => {
    if (!this.open) return;
    // Scrolling inside the menu itself does not move it.
    if (event.type === 'scroll' && (event.target as HTMLElement)?.getAttribute?.('role') === 'menu')
      return;
    // The menu follows its button rather than closing: a scroll that lands just after it opened
    // (the browser bringing the focused button into view) must not drop focus to <body>.
    const button = this.parts.button(this.open.key);
    if (!button) return this.close(false);
    const box = button.getBoundingClientRect();
    this.open = {
      ...this.open,
      top: box.bottom + 4,
      right: Math.max(8, window.innerWidth - box.right),
    };
    this.host.requestUpdate();
  };
}
