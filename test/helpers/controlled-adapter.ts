import {
  SEGMENTS_CHANGED,
  SegmentError,
  type AudiencePage,
  type AudienceQuery,
  type CallOptions,
  type CountHistoryQuery,
  type CountPoint,
  type CountTarget,
  type CreateOptions,
  type Customer,
  type ListSegmentsQuery,
  type MemberContact,
  type Page,
  type Segment,
  type SegmentAdapter,
  type SegmentDraft,
} from '../../src/core.ts';

export type AdapterMethod = Exclude<keyof SegmentAdapter, keyof EventTarget>;

const WRITES: readonly AdapterMethod[] = [
  'createSegment',
  'updateSegment',
  'deleteSegment',
  'duplicateSegment',
  'addMembers',
  'finishImport',
];

/**
 * A client of a backend that the test steers, standing for a RestAdapter over a mobile network:
 * every call is counted, can be held until the test lets it go, delayed, refused once, or failed
 * as offline; otherwise it is passed to `backend` (one LocalAdapter shared by every "tab", like
 * a server). Like a RestAdapter it fires 'segments-changed' after its own writes only.
 */
export class ControlledAdapter extends EventTarget implements SegmentAdapter {
  readonly calls: Record<AdapterMethod, number> = {
    listSegments: 0,
    getSegment: 0,
    createSegment: 0,
    updateSegment: 0,
    deleteSegment: 0,
    duplicateSegment: 0,
    countMembers: 0,
    listMembers: 0,
    addMembers: 0,
    resolveAudience: 0,
    finishImport: 0,
    countHistory: 0,
  };
  /** Every call fails with `unavailable`, as a fetch without network does. */
  offline = false;
  delayMs = 0;
  private held: Promise<void> | undefined;
  private heldAnswers: { methods: readonly AdapterMethod[]; until: Promise<void> } | undefined;
  private readonly refusals = new Map<AdapterMethod, SegmentError>();

  constructor(readonly backend: SegmentAdapter) {
    super();
  }

  /** Calls made so far, all methods together. */
  get totalCalls(): number {
    return Object.values(this.calls).reduce((a, b) => a + b, 0);
  }

  /** Holds every call from now on until the returned function is called. */
  hold(): () => void {
    let release!: () => void;
    this.held = new Promise((resolve) => (release = resolve));
    return () => {
      this.held = undefined;
      release();
    };
  }

  /**
   * From now on, calls of these methods reach the backend at once but their answers are held
   * until the returned function is called: a slow response, computed before what happens next.
   */
  holdAnswers(methods: readonly AdapterMethod[]): () => void {
    let release!: () => void;
    this.heldAnswers = { methods, until: new Promise((resolve) => (release = resolve)) };
    return () => {
      this.heldAnswers = undefined;
      release();
    };
  }

  /** The next call of `method` reaches the backend, which then refuses it with `error`. */
  refuseNext(method: AdapterMethod, error: SegmentError): void {
    this.refusals.set(method, error);
  }

  listSegments(q: ListSegmentsQuery, o?: CallOptions): Promise<Page<Segment>> {
    return this.call('listSegments', o, () => this.backend.listSegments(q, o));
  }
  getSegment(id: string, o?: CallOptions): Promise<Segment> {
    return this.call('getSegment', o, () => this.backend.getSegment(id, o));
  }
  createSegment(draft: SegmentDraft, o?: CreateOptions): Promise<Segment> {
    return this.call('createSegment', o, () => this.backend.createSegment(draft, o));
  }
  updateSegment(
    id: string,
    draft: SegmentDraft,
    o: CallOptions & { expectedVersion: number },
  ): Promise<Segment> {
    return this.call('updateSegment', o, () => this.backend.updateSegment(id, draft, o));
  }
  deleteSegment(id: string, o?: CallOptions): Promise<void> {
    return this.call('deleteSegment', o, () => this.backend.deleteSegment(id, o));
  }
  duplicateSegment(id: string, o?: CallOptions & { name?: string }): Promise<Segment> {
    return this.call('duplicateSegment', o, () => this.backend.duplicateSegment(id, o));
  }
  countMembers(target: CountTarget, o?: CallOptions): Promise<{ count: number; total: number }> {
    return this.call('countMembers', o, () => this.backend.countMembers(target, o));
  }
  listMembers(
    segmentId: string,
    q: { cursor?: string; limit?: number },
    o?: CallOptions,
  ): Promise<Page<Customer>> {
    return this.call('listMembers', o, () => this.backend.listMembers(segmentId, q, o));
  }
  addMembers(
    segmentId: string,
    batch: MemberContact[],
    o: CallOptions & { batchId: string },
  ): Promise<{ added: number }> {
    return this.call('addMembers', o, () => this.backend.addMembers(segmentId, batch, o));
  }
  resolveAudience(q: AudienceQuery, o?: CallOptions): Promise<AudiencePage> {
    return this.call('resolveAudience', o, () => this.backend.resolveAudience(q, o));
  }

  finishImport(segmentId: string, o?: CallOptions): Promise<Segment> {
    return this.call('finishImport', o, () => this.backend.finishImport(segmentId, o));
  }

  countHistory(segmentId: string, q: CountHistoryQuery, o?: CallOptions): Promise<CountPoint[]> {
    return this.call('countHistory', o, () => this.backend.countHistory(segmentId, q, o));
  }

  private async call<T>(
    method: AdapterMethod,
    o: CallOptions | undefined,
    send: () => Promise<T>,
  ): Promise<T> {
    this.calls[method] += 1;
    o?.signal?.throwIfAborted();
    while (this.held) await this.held;
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.offline) throw new SegmentError('unavailable', 'No network.');
    const refusal = this.refusals.get(method);
    if (refusal) {
      this.refusals.delete(method);
      throw refusal;
    }
    const result = await send();
    const answers = this.heldAnswers;
    if (answers?.methods.includes(method)) await answers.until;
    if (WRITES.includes(method)) this.dispatchEvent(new Event(SEGMENTS_CHANGED));
    return result;
  }
}
