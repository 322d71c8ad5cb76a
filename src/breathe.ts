/**
 * `breathe()`: long work done in slices gives the event loop a turn now and then, so a click, an
 * abort or a paint is never kept waiting behind it (no main-thread task much over 10 ms of work).
 */

/**
 * Gives the event loop a turn when the thread has been busy for 10 ms since the last turn. Call it
 * often (every hundred items or so): it only looks at the clock unless the time has come. Work that only
 * awaits promises that are already settled (text in memory, say) runs in microtasks, which never
 * let a timer or an event in: without this an abort could not be seen until the work was done.
 */
export async function breathe(): Promise<void> {
  const now = Date.now();
  if (now - lastBreath < BREATH_EVERY_MS) return;
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  // scheduler.yield() (Chromium) resumes ahead of other queued work, so slicing costs little.
  if (typeof scheduler?.yield === 'function') await scheduler.yield();
  else
    await new Promise<void>((resolve) => {
      if (typeof setImmediate === 'function') setImmediate(resolve);
      else if (typeof MessageChannel === 'function') {
        // Not setTimeout: nested timers wait at least 4 ms each.
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          channel.port1.close();
          resolve();
        };
        channel.port2.postMessage(null);
      } else setTimeout(resolve, 0);
    });
  lastBreath = Date.now();
}

const BREATH_EVERY_MS = 10;
let lastBreath = 0;
