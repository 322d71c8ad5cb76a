/**
 * A BroadcastChannel that tolerates its absence: messages reach the other tabs (and the other
 * adapters of this tab) on the same channel name, never the sender. Without BroadcastChannel
 * (old browsers, some workers) nothing is sent and nothing arrives; callers must not depend on
 * a message for correctness, only for promptness.
 */
export class TabChannel<T> {
  private readonly channel?: BroadcastChannel;
  private closed = false;

  constructor(name: string, onMessage: (message: T) => void) {
    if (typeof BroadcastChannel === 'undefined') return;
    this.channel = new BroadcastChannel(name);
    this.channel.onmessage = (event: MessageEvent) => {
      if (event.data && typeof event.data === 'object') onMessage(event.data as T);
    };
  }

  /** Whether messages can come and go (false without BroadcastChannel, or once closed). */
  get open(): boolean {
    return this.channel !== undefined && !this.closed;
  }

  post(message: T): void {
    this.channel?.postMessage(message);
  }

  close(): void {
    this.closed = true;
    this.channel?.close();
  }
}
