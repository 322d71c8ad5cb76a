/**
 * Runs axe-core (the devDependency, loaded once as a classic script) on an element, shadow
 * roots included, and fails with every violation named, each with the markup it was found on.
 */
import { expect } from '@open-wc/testing';
import type { AxeResults, RunOptions } from 'axe-core';

declare global {
  interface Window {
    axe?: { run(context: Element, options: RunOptions): Promise<AxeResults> };
  }
}

let loading: Promise<void> | undefined;

function loadAxe(): Promise<void> {
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('axe-core could not be loaded'));
    document.head.append(script);
  });
  return loading;
}

/** The violations axe finds in `element` (WCAG 2.1 A and AA, and best practices). */
export async function axeViolations(element: Element): Promise<string[]> {
  await loadAxe();
  const results = await window.axe!.run(element, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    // A test fixture is not a whole document: it has no title, landmarks or h1 of its own.
    rules: { region: { enabled: false }, 'page-has-heading-one': { enabled: false } },
  });
  return results.violations.map(
    (v) =>
      `${v.id}: ${v.help} — ${v.nodes
        .map((n) => n.html)
        .slice(0, 3)
        .join(' | ')}`,
  );
}

/** Fails, naming `state`, when axe finds any violation in `context`. */
export async function expectNoAxeViolations(context: Element, state: string): Promise<void> {
  expect(await axeViolations(context), `axe violations in state "${state}"`).to.deep.equal([]);
}
