/**
 * Registers a custom element once. A page can load the package twice (two bundles, a
 * micro-frontend, a hot reload): a second `customElements.define` of the same tag throws and
 * would break the host, so the first definition wins and later ones are ignored.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  // Importing the package in Node (SSR, tests of the core) must not fail.
  if (typeof customElements === 'undefined') return;
  if (customElements.get(tag)) return;
  // A host may have registered the class (user-segments/elements/<tag>) under a tag of its
  // own; a registry takes each constructor once, so ours gets a subclass of it.
  const taken = customElements.getName?.(ctor) ?? null;
  customElements.define(tag, taken === null ? ctor : class extends ctor {});
}
