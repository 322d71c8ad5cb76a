/**
 * Runs a callback once things have been quiet for `delay` ms: each `schedule` replaces the
 * pending call and restarts the wait. Nothing runs after the element leaves the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class DebounceController implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private callback: (() => void) | undefined;

  constructor(
    host: ReactiveControllerHost,
    readonly delay: number,
  ) {
    host.addController(this);
  }

  /** A call is waiting. */
  get pending(): boolean {
    return this.timer !== undefined;
  }

  /** Calls `callback` after `delay` ms unless scheduled again (or cancelled) before. */
  schedule(callback: () => void): void {
    this.cancel();
    this.callback = callback;
    this.timer = setTimeout(() => this.flush(), this.delay);
  }

  /** Runs the waiting call now, if any. */
  flush(): void {
    const callback = this.callback;
    this.cancel();
    callback?.();
  }

  /** Drops the waiting call. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.callback = undefined;
  }

  hostDisconnected(): void {
    this.cancel();
  }
}
