import type { ListSegmentsQuery, Page } from '../../adapter.ts';
import type { Segment } from '../../model.ts';
import { copyName, nameKey } from '../../segments/rules.ts';

/**
 * Deletions and copies the seller asked for that the inner adapter has not confirmed yet: every
 * listSegments answer shows them as done, so the list changes the moment the seller acts. Each
 * change returns its undo, called when the inner adapter answers (it then speaks for itself) or
 * refuses (the list shows the segment as it was, and the caller gets the error).
 */
export class PendingChanges {
  private readonly hidden = new Map<string, number>();
  private readonly copies: { source: Segment; copy: Segment }[] = [];

  hide(id: string): () => void {
    this.hidden.set(id, (this.hidden.get(id) ?? 0) + 1);
    let undone = false;
    return () => {
      if (undone) return;
      undone = true;
      const left = (this.hidden.get(id) ?? 1) - 1;
      if (left) this.hidden.set(id, left);
      else this.hidden.delete(id);
    };
  }

  /**
   * A stand-in for the copy the inner adapter is making: its name as the inner adapter would
   * likely pick it, an id of its own (`pending:<uuid>` unless given), the source's member count.
   */
  addCopy(
    source: Segment,
    takenNames: Iterable<string>,
    name?: string,
    id = pendingCopyId(),
  ): () => void {
    const taken = new Set([...takenNames].map(nameKey));
    const now = new Date().toISOString();
    const copy: Segment = {
      ...structuredClone(source),
      id,
      name: name?.trim() || copyName(source.name, (key) => taken.has(key)),
      type: source.type === 'csv' ? 'csv' : 'filter',
      scope: 'store',
      readOnly: false,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    const pending = { source, copy };
    this.copies.push(pending);
    return () => {
      const at = this.copies.indexOf(pending);
      if (at >= 0) this.copies.splice(at, 1);
    };
  }

  /** The page as the seller should see it now. */
  apply(page: Page<Segment>, q: ListSegmentsQuery): Page<Segment> {
    if (!this.hidden.size && !this.copies.length) return page;
    let items = page.items;
    let total = page.total;
    if (this.hidden.size) {
      items = items.filter((s) => !this.hidden.has(s.id));
      total -= page.items.length - items.length;
    }
    // A copy is a store segment; it is shown on the first page of a listing its name matches,
    // matched as pageOf matches names (NFC, trimmed, any case), so the list does not change
    // when the inner adapter confirms the copy.
    const needle = typeof q.search === 'string' ? nameKey(q.search) : '';
    if (q.scope === 'store' && !q.cursor) {
      for (const { source, copy } of this.copies) {
        if (needle && !copy.name.toLowerCase().includes(needle)) continue;
        const at = items.findIndex((s) => s.id === source.id);
        items = [...items];
        items.splice(at >= 0 ? at + 1 : items.length, 0, structuredClone(copy));
        total += 1;
      }
    }
    return { ...page, items, total };
  }
}

/** The id a copy is listed under until the inner adapter has made it. */
export const pendingCopyId = (): string => `pending:${crypto.randomUUID()}`;
