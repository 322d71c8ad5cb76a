/**
 * Where the keyboard focus is, as a seller's screen reader would say it: the focused element
 * found by following `activeElement` down through every shadow root (document.activeElement
 * alone stops at the outermost element), named by role and accessible name.
 */
import { accessibleName, roleOf } from './queries.ts';

/** The innermost focused element, through shadow roots; `document.body` when nothing is. */
export function deepActiveElement(): Element {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active ?? document.body;
}

/** The focused control as `role "name"` (`body` when focus was lost to the page). */
export function focusedControl(): string {
  const el = deepActiveElement();
  if (el === document.body) return 'body';
  return `${roleOf(el) ?? el.localName} "${accessibleName(el)}"`;
}

/** The accessible names of the groups (conditions, groups) around the focused control. */
export function focusedIn(): string[] {
  const names: string[] = [];
  let el: Element | null = deepActiveElement().parentElement;
  while (el) {
    if (el.getAttribute('role') === 'group' && el.localName !== 'fieldset') {
      names.push(accessibleName(el));
    }
    el = el.parentElement;
  }
  return names;
}
