/**
 * How an element gets its `SegmentAdapter`: its own `adapter` property, else the nearest
 * ancestor that provides one through @lit/context (`provideSegmentAdapter`). The controller also
 * counts the adapter's `segments-changed` events, so work that depends on segments runs again.
 *
 * ```ts
 * provideSegmentAdapter(document.body, new LocalAdapter({ storeId: 'store-42' }));
 * ```
 */
import { ContextEvent as ContextRequestEvent, ContextProvider, createContext } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SEGMENTS_CHANGED, type SegmentAdapter } from '../../src/core.ts';

/**
 * The context key. `Symbol.for`, so two copies of the package on one page (two bundles, a
 * micro-frontend) still find each other's provider.
 */
export const segmentAdapterContext = createContext<SegmentAdapter | undefined>(
  Symbol.for('user-segments/adapter'),
);

/**
 * Makes `adapter` the adapter of every user-segments element inside `element` (light DOM and
 * shadow DOM) that has no `adapter` property of its own. Calling it again on the same element
 * replaces the adapter; elements already on the page pick it up at once.
 */
export function provideSegmentAdapter(element: HTMLElement, adapter: SegmentAdapter): void {
  const provider = providers.get(element);
  if (provider) {
    provider.setValue(adapter);
  } else {
    providers.set(
      element,
      new ContextProvider(element, { context: segmentAdapterContext, initialValue: adapter }),
    );
  }
  // Elements that asked before any provider existed got no answer: let them ask again.
  for (const waiting of [...unanswered]) waiting.request();
}

/** An element that can be given an adapter directly. */
export interface SegmentAdapterHost extends ReactiveControllerHost, HTMLElement {
  adapter?: SegmentAdapter;
}

/**
 * The adapter an element uses (`value`) and a `revision` that grows on every `segments-changed`
 * of it. Put `revision` in a task's arguments to run the task again when segments change; the
 * host re-renders on each change too.
 */
export class SegmentAdapterController implements ReactiveController {
  /** Grows by one on every `segments-changed` of the adapter in use (and when it is replaced). */
  revision = 0;

  private provided: SegmentAdapter | undefined;
  private listening: SegmentAdapter | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: SegmentAdapterHost,
    private readonly options: { onSegmentsChanged?: () => void } = {},
  ) {
    host.addController(this);
  }

  /** The element's own `adapter`, else the provided one; undefined until there is one. */
  get value(): SegmentAdapter | undefined {
    return this.host.adapter ?? this.provided;
  }

  hostConnected(): void {
    this.request();
    this.listen();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    unanswered.delete(this);
    this.listen(undefined);
  }

  hostUpdate(): void {
    // The `adapter` property may have been set or replaced since the last render.
    this.listen();
  }

  /** Asks the ancestors for an adapter (again); @internal for `provideSegmentAdapter`. */
  request(): void {
    unanswered.add(this);
    this.host.dispatchEvent(
      new ContextRequestEvent(
        segmentAdapterContext,
        this.host,
        (adapter, unsubscribe) => {
          unanswered.delete(this);
          if (unsubscribe && unsubscribe !== this.unsubscribe) {
            this.unsubscribe?.();
            this.unsubscribe = unsubscribe;
          }
          if (adapter === this.provided) return;
          this.provided = adapter;
          this.listen();
          this.host.requestUpdate();
        },
        true,
      ),
    );
  }

  private listen(adapter = this.host.isConnected ? this.value : undefined): void {
    if (adapter === this.listening) return;
    this.listening?.removeEventListener(SEGMENTS_CHANGED, this.onChanged);
    this.listening = adapter;
    adapter?.addEventListener(SEGMENTS_CHANGED, this.onChanged);
    if (adapter) this.revision++;
  }

  private readonly onChanged = (): void => {
    this.revision++;
    this.options.onSegmentsChanged?.();
    this.host.requestUpdate();
  };
}

const providers = new WeakMap<HTMLElement, ContextProvider<typeof segmentAdapterContext>>();
/** Connected controllers no provider has answered yet. */
const unanswered = new Set<SegmentAdapterController>();
