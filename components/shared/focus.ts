/**
 * Focus questions that must look through shadow roots: `document.activeElement` stops at the
 * outermost shadow host, so an element inside another element's shadow root cannot trust it.
 */

/**
 * Whether focus is nowhere in particular (the page body) or on `element` or inside it, found by
 * following `activeElement` down through shadow roots rather than stopping at the outermost host.
 */
export function focusIsIdle(element: HTMLElement): boolean {
  let active = document.activeElement;
  if (!active || active === document.body) return true;
  while (active) {
    if (active === element) return true;
    const inner: Element | null | undefined = active.shadowRoot?.activeElement;
    if (!inner) return false;
    active = inner;
  }
  return false;
}
