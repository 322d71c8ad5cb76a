import { TabChannel } from '../idb/broadcast.ts';

/**
 * Tells the other tabs (and other adapters in this tab) on the same store that something was
 * written. The message only says "look again": until it arrives, an adapter keeps answering from
 * the versions it read last (for a short while at most: see VersionTrust), and every write reads
 * the versions again inside its own transaction, so a lost message never makes it write stale data.
 */
export class StoreChannel {
  private readonly channel: TabChannel<{ type?: unknown }>;

  constructor(storeId: string, onChange: () => void) {
    this.channel = new TabChannel(`user-segments:${storeId}`, (message) => {
      if (message.type === CHANGED) onChange();
    });
  }

  /** Whether other tabs' messages can arrive at all. */
  get listening(): boolean {
    return this.channel.open;
  }

  announce(): void {
    this.channel.post({ type: CHANGED });
  }

  close(): void {
    this.channel.close();
  }
}

const CHANGED = 'changed';
