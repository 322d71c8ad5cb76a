/**
 * Finds elements the way a user (or a screen reader) does: by role and accessible name, inside
 * a shadow root or a document. A small subset of the ARIA rules, enough for our elements;
 * hidden elements are skipped, as assistive technology skips them.
 */

export interface RoleQuery {
  /** Exact accessible name (whitespace collapsed), or a pattern. */
  name?: string | RegExp;
}

export function getAllByRole(root: ParentNode, role: string, query: RoleQuery = {}): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('*')].filter(
    (el) => roleOf(el) === role && isShown(el) && matches(accessibleName(el), query.name),
  );
}

export function queryByRole(
  root: ParentNode,
  role: string,
  query: RoleQuery = {},
): HTMLElement | null {
  const found = getAllByRole(root, role, query);
  if (found.length > 1)
    throw new Error(`${found.length} elements have role ${describe(role, query)}`);
  return found[0] ?? null;
}

export function getByRole(root: ParentNode, role: string, query: RoleQuery = {}): HTMLElement {
  const found = queryByRole(root, role, query);
  if (found) return found;
  const present = [...root.querySelectorAll<HTMLElement>('*')]
    .filter((el) => roleOf(el) && isShown(el))
    .map((el) => `${roleOf(el)} "${accessibleName(el)}"`);
  throw new Error(`No element with role ${describe(role, query)}; present: ${present.join(', ')}`);
}

/** The text of the elements named by `aria-describedby`, in order. */
export function accessibleDescription(el: Element): string {
  return textOfIds(el, el.getAttribute('aria-describedby'));
}

export function accessibleName(el: Element): string {
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) return textOfIds(el, labelledBy);
  const label = el.getAttribute('aria-label');
  if (label) return collapse(label);
  const labels = (el as HTMLInputElement).labels;
  if (labels?.length) return collapse([...labels].map((l) => l.textContent ?? '').join(' '));
  if (el instanceof HTMLTableElement && el.caption) return collapse(el.caption.textContent ?? '');
  if (el instanceof HTMLFieldSetElement) {
    return collapse(el.querySelector('legend')?.textContent ?? '');
  }
  if (NAMED_FROM_CONTENT.has(roleOf(el) ?? '')) return collapse(el.textContent ?? '');
  return collapse(el.getAttribute('title') ?? '');
}

export function roleOf(el: Element): string | null {
  const explicit = el.getAttribute('role');
  if (explicit) return explicit.split(/\s+/)[0];
  const tag = el.localName;
  if (/^h[1-6]$/.test(tag)) return 'heading';
  if (tag === 'input') {
    const type = (el as HTMLInputElement).type;
    if (['button', 'submit', 'reset', 'image'].includes(type)) return 'button';
    if (type === 'checkbox' || type === 'radio') return type;
    if (type === 'file' || type === 'hidden') return null;
    return el.hasAttribute('list') ? 'combobox' : 'textbox';
  }
  if (tag === 'select') {
    const select = el as HTMLSelectElement;
    return select.multiple || select.size > 1 ? 'listbox' : 'combobox';
  }
  if (tag === 'section' && (el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby'))) {
    return 'region';
  }
  if (tag === 'a' && el.hasAttribute('href')) return 'link';
  return IMPLICIT_ROLES[tag] ?? null;
}

/** Hidden by `hidden`, `display: none` or `visibility: hidden` (visually hidden text counts). */
export function isShown(el: Element): boolean {
  return el.checkVisibility({ visibilityProperty: true });
}

const IMPLICIT_ROLES: Record<string, string> = {
  button: 'button',
  textarea: 'textbox',
  table: 'table',
  tr: 'row',
  th: 'columnheader',
  td: 'cell',
  ul: 'list',
  ol: 'list',
  li: 'listitem',
  fieldset: 'group',
  form: 'form',
  progress: 'progressbar',
  dialog: 'dialog',
  img: 'img',
};

const NAMED_FROM_CONTENT = new Set([
  'button',
  'heading',
  'link',
  'cell',
  'columnheader',
  'row',
  'listitem',
  'option',
  'tab',
  'menuitem',
]);

function textOfIds(el: Element, ids: string | null): string {
  if (!ids) return '';
  const root = el.getRootNode() as Document | ShadowRoot;
  return collapse(
    ids
      .split(/\s+/)
      .map((id) => root.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

const matches = (name: string, expected: RoleQuery['name']) =>
  expected === undefined ||
  (typeof expected === 'string' ? name === expected : expected.test(name));

const describe = (role: string, query: RoleQuery) =>
  query.name === undefined ? role : `${role} named ${String(query.name)}`;
