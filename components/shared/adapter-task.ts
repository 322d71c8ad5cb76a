/**
 * Adapter calls as a Lit `Task`: each run gets an `AbortSignal`, a newer run aborts the older
 * one and an older answer is never shown over a newer one. The task runs again when its
 * arguments change, when the element's adapter is replaced and on `segments-changed`.
 *
 * ```ts
 * private readonly adapter = new SegmentAdapterController(this);
 * private readonly count = new AdapterTask(this, this.adapter, {
 *   args: () => [this.value] as const,
 *   task: (adapter, [filter], { signal }) => adapter.countMembers({ filter }, { signal }),
 *   delay: 300,
 * });
 * // render: this.count.render({ pending, complete: ({ count }) => …, error: (e) => … })
 * ```
 */
import { Task, TaskStatus, initialState } from '@lit/task';
import type { StatusRenderer } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import type { SegmentAdapter } from '../../src/core.ts';
import type { SegmentAdapterController } from './adapter.ts';

export { TaskStatus };

export interface AdapterTaskOptions<A extends readonly unknown[], R> {
  /** The arguments; a change (compared item by item with `===`) runs the task again. */
  args: () => A;
  /** The adapter call; pass `signal` on to it. */
  task: (adapter: SegmentAdapter, args: A, options: { signal: AbortSignal }) => Promise<R>;
  /**
   * Milliseconds to wait after the last change before calling the adapter: a change meanwhile
   * restarts the wait, so typing costs one call, not one per keystroke.
   */
  delay?: number;
  /** `false`: run only when `run()` is called. */
  autoRun?: boolean;
}

export class AdapterTask<A extends readonly unknown[], R> {
  private readonly task: Task<[SegmentAdapter | undefined, number, ...A], R>;

  constructor(
    host: ReactiveControllerHost,
    adapter: SegmentAdapterController,
    options: AdapterTaskOptions<A, R>,
  ) {
    const { delay = 0 } = options;
    this.task = new Task(host, {
      autoRun: options.autoRun ?? true,
      args: () => [adapter.value, adapter.revision, ...options.args()] as const,
      task: async ([current, , ...args], { signal }) => {
        if (!current) return initialState;
        if (delay > 0) await sleep(delay, signal);
        return options.task(current, args as unknown as A, { signal });
      },
    });
  }

  /** The last answer; kept while a newer call is pending, undefined after an error. */
  get value(): R | undefined {
    return this.task.value;
  }

  get error(): unknown {
    return this.task.error;
  }

  get status(): TaskStatus {
    return this.task.status;
  }

  /** Waiting for a delay or an answer. */
  get pending(): boolean {
    return this.task.status === TaskStatus.PENDING;
  }

  /** The settled result of the current run (rejects with its error). */
  get taskComplete(): Promise<R> {
    return this.task.taskComplete;
  }

  /** Runs again now with the current arguments (e.g. from a Retry button). */
  run(): Promise<void> {
    return this.task.run();
  }

  abort(reason?: unknown): void {
    this.task.abort(reason);
  }

  render<T>(renderer: StatusRenderer<R>): T | undefined {
    return this.task.render(renderer) as T | undefined;
  }
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it is aborted. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
