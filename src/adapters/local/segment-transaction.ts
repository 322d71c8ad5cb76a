import type { SegmentError } from '../../errors.ts';
import type { FilterGroup } from '../../model.ts';
import type { LocalDatabase, MemberBlock, StoredBatch, StoredSegment } from './database.ts';
import {
  PREDEFINED_LISTED,
  invalidFilterError,
  nameKey,
  nameTakenError,
  notFound,
  referencedSegmentIds,
} from '../../segments/rules.ts';

/** Reads and writes of one segment transaction; remembers what it wrote for the memory copy. */
export class SegmentTransaction {
  readonly written: StoredSegment[] = [];
  readonly removed: string[] = [];

  constructor(private readonly db: LocalDatabase) {}

  async get(id: string): Promise<StoredSegment> {
    const segment = await this.db.segments.get(id);
    if (!segment) throw notFound(id);
    return segment;
  }

  all(): Promise<StoredSegment[]> {
    return this.db.segments.toArray();
  }

  async put(segment: StoredSegment): Promise<void> {
    await this.db.segments.put(segment);
    this.written.push(segment);
  }

  async remove(id: string): Promise<void> {
    await this.db.memberBlocks.where('[segmentId+block]').between([id, 0], [id, Infinity]).delete();
    await this.db.batches.where('[segmentId+batchId]').between([id, ''], [id, '\uffff']).delete();
    await this.db.countSnapshots
      .where('[segmentId+date]')
      .between([id, ''], [id, '\uffff'])
      .delete();
    await this.db.segments.delete(id);
    this.removed.push(id);
  }

  /** Every name key taken in the store scope, predefined names included. */
  async nameKeys(): Promise<Set<string>> {
    const keys = (await this.db.segments.orderBy('nameKey').keys()) as string[];
    return new Set([...keys, ...PREDEFINED_LISTED.map((p) => nameKey(p.name))]);
  }

  async assertNameFree(name: string, exceptId?: string): Promise<void> {
    const key = nameKey(name);
    const owner = await this.db.segments.where('nameKey').equals(key).first();
    const predefined = PREDEFINED_LISTED.some((p) => nameKey(p.name) === key);
    if (predefined || (owner && owner.id !== exceptId)) {
      throw nameTakenError(name);
    }
  }

  /**
   * Refuses to store `segment` when a segment its filter reaches (directly or through others) does
   * not exist, or leads back to it — judged on the segments as this transaction reads them. The
   * check made before the transaction used this tab's copy, which another tab may have changed
   * since: deleted B while this one saves A → B, or saved Q → P while this one saves P → Q.
   * `outside` finds the segments that are not stored (predefined and global ones).
   */
  async assertReferencesHold(
    segment: StoredSegment,
    outside: (id: string) => { filter?: FilterGroup } | undefined,
  ): Promise<void> {
    if (referencedSegmentIds(segment.filter).length === 0) return;
    const stored = new Map((await this.all()).map((s) => [s.id, s]));
    stored.set(segment.id, segment);
    const state = new Map<string, 'open' | 'done'>();
    const visit = (id: string, filter: FilterGroup | undefined): void => {
      state.set(id, 'open');
      for (const ref of referencedSegmentIds(filter)) {
        const seen = state.get(ref);
        if (seen === 'open') throw referenceError('segment-cycle', CYCLE);
        if (seen === 'done') continue;
        const target = stored.get(ref) ?? outside(ref);
        if (!target) throw referenceError('unknown-segment', `There is no segment "${ref}".`);
        visit(ref, target.filter);
      }
      state.set(id, 'done');
    };
    visit(segment.id, segment.filter);
  }

  batch(segmentId: string, batchId: string): Promise<StoredBatch | undefined> {
    return this.db.batches.get([segmentId, batchId]);
  }

  /** Where the next block of a segment's members goes: after its last one. */
  async nextMemberBlock(segmentId: string): Promise<number> {
    const last = await this.db.memberBlocks
      .where('[segmentId+block]')
      .between([segmentId, 0], [segmentId, Infinity])
      .last();
    return last ? last.block + 1 : 0;
  }

  async addMembers(blocks: MemberBlock[], batch: StoredBatch): Promise<void> {
    await this.db.memberBlocks.bulkAdd(blocks);
    await this.db.batches.put(batch);
  }

  /** Copies a CSV segment's members, in their order, to another segment; returns how many. */
  async copyMembers(from: string, to: string): Promise<number> {
    const blocks = await this.db.memberBlocks
      .where('[segmentId+block]')
      .between([from, 0], [from, Infinity])
      .toArray();
    await this.db.memberBlocks.bulkAdd(blocks.map((block) => ({ ...block, segmentId: to })));
    let count = 0;
    for (const block of blocks) count += (JSON.parse(block.json) as unknown[]).length;
    return count;
  }
}

const CYCLE = 'A segment cannot include itself, directly or through other segments.';

function referenceError(code: string, message: string): SegmentError {
  return invalidFilterError([{ path: '', code, message }]);
}
