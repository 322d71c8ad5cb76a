/**
 * Whether a LocalStore's copy of the store's versions (IndexedDB's `meta` record) may answer the
 * next page of a listing under way (listMembers or resolveAudience with a cursor) without being
 * read again. Reading it costs an IndexedDB transaction, milliseconds on a busy page: a
 * million-member export is 5,000 listMembers calls, and the reads alone took longer than the
 * whole export may. Every other call reads, so a write by another tab is seen by the next call
 * that starts something, message or not. A next page trusts the copy read before while all of
 * these hold:
 *
 * - no adapter of this page has written to the store since (they say so synchronously, here);
 * - no other tab has announced a write since (StoreChannel's message, heard when it arrives);
 * - the copy was read less than TRUST_MS ago, so a message that never arrives (a tab frozen
 *   mid-write, a browser bug) leaves an answer stale for that long at most;
 * - messages can arrive at all (no BroadcastChannel: every call reads, as before).
 *
 * What is left is the moment between another tab's commit and its message arriving, a few
 * milliseconds, in which a next page answers as of just before that write (as a page read a
 * moment earlier would have); writes never trust the copy (they read the versions inside their
 * own transaction), so nothing stale is ever written.
 */
export class VersionTrust {
  /** Moves on with every change another tab announces. */
  private heardCount = 0;
  /** `heardCount` and this page's write count when the trusted copy's read began. */
  private trustedHeard = -1;
  private trustedWrites = -1;
  private readAt = -Infinity;

  constructor(
    private readonly storeId: string,
    /** Whether other tabs' messages can reach this store at all. */
    private readonly listening: () => boolean,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** The copy read last still answers: nothing changed that this page could know of. */
  get current(): boolean {
    return (
      this.listening() &&
      this.trustedHeard === this.heardCount &&
      this.trustedWrites === pageWrites(this.storeId) &&
      this.clock() - this.readAt < TRUST_MS
    );
  }

  /**
   * Call just before reading the versions, and the function it returns once they are read: a
   * change heard of, or written here, while the read was under way is not trusted as seen.
   */
  reading(): () => void {
    const heard = this.heardCount;
    const writes = pageWrites(this.storeId);
    const at = this.clock();
    return () => {
      this.trustedHeard = heard;
      this.trustedWrites = writes;
      this.readAt = at;
    };
  }

  /** Another tab announced a write. */
  heard(): void {
    this.heardCount++;
  }

  /** An adapter of this page committed a write: every adapter of the store here reads again. */
  wrote(): void {
    writesInPage.set(this.storeId, pageWrites(this.storeId) + 1);
  }
}

/** The longest a copy is trusted without reading it again (ms). */
export const TRUST_MS = 500;

/** Writes committed by this page's adapters, by store id (this JavaScript realm's, not the tab's). */
const writesInPage = new Map<string, number>();

function pageWrites(storeId: string): number {
  return writesInPage.get(storeId) ?? 0;
}
