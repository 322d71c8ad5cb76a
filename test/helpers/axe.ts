/**
 * axe-core, loaded once into the test page, and one assertion: no violation in `context`
 * (shadow roots included). A failure lists each rule with the elements it found.
 */
import { expect } from '@open-wc/testing';

interface AxeResult {
  violations: {
    id: string;
    help: string;
    nodes: { target: unknown[]; failureSummary?: string }[];
  }[];
}
declare global {
  interface Window {
    axe?: { run(context: unknown, options?: unknown): Promise<AxeResult> };
  }
}

async function loadAxe(): Promise<NonNullable<Window['axe']>> {
  if (!window.axe) {
    await new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/node_modules/axe-core/axe.min.js';
      script.onload = () => resolve();
      script.onerror = () => reject(new Error('axe-core did not load'));
      document.head.append(script);
    });
  }
  return window.axe!;
}

export async function expectNoAxeViolations(context: Element, state: string): Promise<void> {
  const axe = await loadAxe();
  const { violations } = await axe.run(context, { resultTypes: ['violations'] });
  const report = violations.map(
    (v) =>
      `${v.id} (${v.help}): ${v.nodes
        .map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`)
        .join(' | ')}`,
  );
  expect(report, `axe violations in state "${state}"`).to.deep.equal([]);
}
