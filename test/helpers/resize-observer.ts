/**
 * The virtualizer's ResizeObserver may report a benign "loop completed" error (lit/lit
 * virtualizer: it sizes rows it has just added); anything else still fails the test. Call it
 * at the start of a test that shows a virtualized table.
 */
export function allowResizeObserverLoop(): void {
  const original = window.onerror;
  window.onerror = (message, ...rest) =>
    /ResizeObserver loop/.test(String(message)) ? true : original?.call(window, message, ...rest);
  after(() => (window.onerror = original));
}
