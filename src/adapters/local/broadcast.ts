import { TabChannel } from '../idb/broadcast.ts';

/**
 * Tells the other tabs (and other adapters in this tab) on the same store that something was
 * written. The message only says "look again": every adapter re-reads the store's versions from
 * IndexedDB before answering, so a lost or late message can never make it answer stale data.
 */
export class StoreChannel {
  private readonly channel: TabChannel<{ type?: unknown }>;

  constructor(storeId: string, onChange: () => void) {
    this.channel = new TabChannel(`user-segments:${storeId}`, (message) => {
      if (message.type === CHANGED) onChange();
    });
  }

  announce(): void {
    this.channel.post({ type: CHANGED });
  }

  close(): void {
    this.channel.close();
  }
}

const CHANGED = 'changed';
