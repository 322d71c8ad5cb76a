/**
 * Tells the other tabs (and other adapters in this tab) on the same store that something was
 * written. The message only says "look again": every adapter re-reads the store's versions from
 * IndexedDB before answering, so a lost or late message can never make it answer stale data.
 */
export class StoreChannel {
  private readonly channel?: BroadcastChannel;

  constructor(storeId: string, onChange: () => void) {
    if (typeof BroadcastChannel === 'undefined') return;
    this.channel = new BroadcastChannel(`user-segments:${storeId}`);
    this.channel.onmessage = (event: MessageEvent) => {
      if ((event.data as { type?: unknown } | null)?.type === CHANGED) onChange();
    };
  }

  announce(): void {
    this.channel?.postMessage({ type: CHANGED });
  }

  close(): void {
    this.channel?.close();
  }
}

const CHANGED = 'changed';
