/**
 * A RestAdapter-style adapter as a host would hand to `<user-segments>`: plain `fetch` to its
 * own backend, nothing of IndexedDB, phones or CSV. Only what a first render of the list calls
 * is implemented; the rest say so. (The package's RestAdapter, from `user-segments/core`, is the
 * real thing; this keeps the measurement independent of its size.)
 */
import type { Segment, SegmentAdapter } from '../../src/core.ts';

export class FetchAdapter extends EventTarget {
  constructor(private readonly baseUrl: string) {
    super();
  }

  async listSegments(
    q: { scope: string; search?: string; cursor?: string; limit?: number },
    o: { signal?: AbortSignal } = {},
  ): Promise<{ items: Segment[]; total: number; next?: string }> {
    const url = new URL(`${this.baseUrl}/segments`, location.href);
    for (const [key, value] of Object.entries(q)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const response = await fetch(url, { signal: o.signal });
    return response.json();
  }

  notUsedOnFirstRender(): never {
    throw new Error('not part of the first render');
  }
}

export const asAdapter = (adapter: FetchAdapter) => adapter as unknown as SegmentAdapter;
