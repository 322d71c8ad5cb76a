import { SEGMENTS_CHANGED } from '../../adapter.ts';
import type {
  AudiencePage,
  AudienceQuery,
  CallOptions,
  CountHistoryQuery,
  CountPoint,
  CountTarget,
  CreateOptions,
  MembersTarget,
  ListSegmentsQuery,
  MemberContact,
  Page,
  SegmentAdapter,
} from '../../adapter.ts';
import { SegmentError } from '../../errors.ts';
import type { Customer, Order, Segment, SegmentDraft } from '../../model.ts';
import { databaseName } from './database-name.ts';
import type { CustomerInput, LocalAdapterOptions, LocalEngine } from './local-adapter.ts';

/**
 * The embedded adapter: everything in this browser's IndexedDB (through Dexie), shared by the
 * store's tabs; see LocalEngine (local-adapter.ts) for how it answers.
 *
 * This class is what a page loads up front, and it is small: making an adapter checks the
 * options at once and starts loading the engine and Dexie, beside the page rather than before
 * it; each call waits for that load. If the load fails (the network dropped the chunk), every
 * call rejects with `unavailable`.
 */
export class LocalAdapter extends EventTarget implements SegmentAdapter {
  readonly storeId: string;
  /** The engine, loading from the moment the adapter is made. */
  private readonly engine: Promise<LocalEngine>;
  private closed = false;

  constructor(options: LocalAdapterOptions) {
    super();
    if (!options || typeof options.storeId !== 'string' || !options.storeId) {
      throw new SegmentError('invalid', 'LocalAdapter needs a storeId.', {
        issues: [{ path: 'storeId', code: 'required', message: 'Pass the store id.' }],
      });
    }
    if (options.timeZone !== undefined && !isTimeZone(options.timeZone)) {
      throw new SegmentError('invalid', `"${options.timeZone}" is not a time zone.`, {
        issues: [{ path: 'timeZone', code: 'invalid-time-zone', message: 'Use an IANA name.' }],
      });
    }
    if (options.now !== undefined && typeof options.now !== 'function') {
      throw new SegmentError(
        'invalid',
        'LocalAdapter’s now option is a function returning a Date.',
        {
          issues: [{ path: 'now', code: 'invalid', message: 'Pass a function or leave it out.' }],
        },
      );
    }
    this.storeId = options.storeId;
    const settings = { ...options };
    this.engine = import('./local-adapter.ts').then(
      ({ LocalEngine }) => {
        const engine = new LocalEngine(settings);
        engine.addEventListener(SEGMENTS_CHANGED, () =>
          this.dispatchEvent(new Event(SEGMENTS_CHANGED)),
        );
        if (this.closed) engine.close();
        return engine;
      },
      (cause: unknown) => {
        throw new SegmentError(
          'unavailable',
          'The LocalAdapter could not load its storage code; reload the page.',
          { cause },
        );
      },
    );
    // Nobody may call the adapter before the failure would matter: no unhandled rejection.
    this.engine.catch(() => {});
  }

  /**
   * Deletes a store's database (e.g. when a store is removed). Adapters still open on it, here
   * or in other tabs, close their connection when asked; the deletion waits until they have.
   */
  static deleteStore(storeId: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const failed = (cause: unknown) =>
        reject(new SegmentError('unavailable', 'The store could not be deleted.', { cause }));
      try {
        // IndexedDB itself rather than Dexie.delete: a connection that is still finishing a read
        // is not an error worth a console warning, only a short wait.
        const request = indexedDB.deleteDatabase(databaseName(storeId));
        request.onsuccess = () => resolve();
        request.onerror = () => failed(request.error);
      } catch (error) {
        failed(error);
      }
    });
  }

  /** Closes the database and stops listening to other tabs. */
  close(): void {
    this.closed = true;
    this.engine.then(
      (engine) => engine.close(),
      () => {},
    );
  }

  /** Adds or replaces customers (by id); their order statistics come from importOrders. */
  async importCustomers(
    customers: readonly CustomerInput[],
    o?: CallOptions,
  ): Promise<{ imported: number }> {
    return (await this.engine).importCustomers(customers, o);
  }

  /** Adds or replaces orders (by id) and updates every customer's statistics and spendRank. */
  async importOrders(orders: readonly Order[], o?: CallOptions): Promise<{ imported: number }> {
    return (await this.engine).importOrders(orders, o);
  }

  async listSegments(q: ListSegmentsQuery, o?: CallOptions): Promise<Page<Segment>> {
    return (await this.engine).listSegments(q, o);
  }

  async getSegment(id: string, o?: CallOptions): Promise<Segment> {
    return (await this.engine).getSegment(id, o);
  }

  async createSegment(draft: SegmentDraft, o?: CreateOptions): Promise<Segment> {
    return (await this.engine).createSegment(draft, o);
  }

  async updateSegment(
    id: string,
    draft: SegmentDraft,
    o: CallOptions & { expectedVersion: number },
  ): Promise<Segment> {
    return (await this.engine).updateSegment(id, draft, o);
  }

  async deleteSegment(id: string, o?: CallOptions): Promise<void> {
    return (await this.engine).deleteSegment(id, o);
  }

  async duplicateSegment(id: string, o?: CallOptions & { name?: string }): Promise<Segment> {
    return (await this.engine).duplicateSegment(id, o);
  }

  async countMembers(
    target: CountTarget,
    o?: CallOptions,
  ): Promise<{ count: number; total: number }> {
    return (await this.engine).countMembers(target, o);
  }

  async listMembers(
    target: MembersTarget,
    q: { cursor?: string; limit?: number },
    o?: CallOptions,
  ): Promise<Page<Customer>> {
    return (await this.engine).listMembers(target, q, o);
  }

  async addMembers(
    segmentId: string,
    batch: MemberContact[],
    o: CallOptions & { batchId: string },
  ): Promise<{ added: number }> {
    return (await this.engine).addMembers(segmentId, batch, o);
  }

  async resolveAudience(q: AudienceQuery, o?: CallOptions): Promise<AudiencePage> {
    return (await this.engine).resolveAudience(q, o);
  }

  async finishImport(segmentId: string, o?: CallOptions): Promise<Segment> {
    return (await this.engine).finishImport(segmentId, o);
  }

  async countHistory(
    segmentId: string,
    q: CountHistoryQuery,
    o?: CallOptions,
  ): Promise<CountPoint[]> {
    return (await this.engine).countHistory(segmentId, q, o);
  }
}

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
