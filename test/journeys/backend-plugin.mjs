// @web/test-runner server commands for the journey suite:
// - `journey-store`: asks for a fresh store on the reference backend (started on first use, in
//   a child process, PGlite, a free port, CORS for the test page) and answers `{ ticket }` at
//   once; `journey-store` `{ ticket }` then answers `{ pending: true }` until the store is ready,
//   then `{ baseUrl, apiKey }` (a command must answer within the runner's 20 s, and starting the
//   backend on a busy machine can take longer);
// - `journey-clock` `{ storeId, at }`: sets the clock of a journey store (the `storeId` that
//   `journey-store` answered) to the ISO instant `at`, or back to the real time with `at: null`;
//   the backend records a segment's daily count on that store's day (countHistory);
// - `cpu-throttle` `{ rate }`: slows the page's CPU through CDP (1 restores it);
// - `journey-select` `{ marker, label }`: picks an option of the <select> marked
//   `data-journey="<marker>"` as a pointer user does (Playwright's selectOption);
// - `next-file` `{ name, text }`: the next file chooser the page opens receives this file.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export function journeyPlugin() {
  let backend;
  const cdpSessions = new Map();
  const tickets = new Map();
  let lastTicket = 0;

  function startBackend() {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/journeys/backend-process.ts'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const waiting = new Map();
    let sequence = 0;
    let resolveReady;
    let rejectReady;
    const ready = new Promise((resolve, reject) => {
      resolveReady = resolve;
      rejectReady = reject;
    });
    child.once('exit', (code) => {
      const error = new Error(`the journey backend exited (${code})`);
      rejectReady(error);
      for (const { reject } of waiting.values()) reject(error);
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const message = JSON.parse(line);
      if ('ready' in message) return resolveReady();
      const pending = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.error) pending?.reject(new Error(message.error));
      else pending?.resolve(message.result);
    });
    return {
      child,
      async request(op, args = {}) {
        await ready;
        const id = ++sequence;
        return new Promise((resolve, reject) => {
          waiting.set(id, { resolve, reject });
          child.stdin.write(`${JSON.stringify({ ...args, id, op })}\n`);
        });
      },
      stop() {
        return new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', resolve);
          child.stdin.end();
        });
      },
    };
  }

  return {
    name: 'journeys',
    async executeCommand({ command, payload, session }) {
      if (command === 'journey-store') {
        if (payload?.ticket === undefined) {
          backend ??= startBackend();
          const ticket = ++lastTicket;
          const entry = { done: false };
          tickets.set(ticket, entry);
          backend.request('store').then(
            (result) => Object.assign(entry, { done: true, result }),
            (error) => Object.assign(entry, { done: true, error: String(error?.message ?? error) }),
          );
          return { ticket };
        }
        const entry = tickets.get(payload.ticket);
        if (!entry) throw new Error(`no journey store request ${payload.ticket}`);
        if (!entry.done) return { pending: true };
        tickets.delete(payload.ticket);
        if (entry.error) throw new Error(entry.error);
        return entry.result;
      }
      if (command === 'journey-clock') {
        if (!backend) throw new Error('journey-clock before any journey-store');
        return backend.request('clock', { storeId: payload?.storeId, at: payload?.at ?? null });
      }
      const page = () => session.browser.getPage(session.id);
      if (command === 'cpu-throttle') {
        let cdp = cdpSessions.get(session.id);
        if (!cdp) {
          cdp = await page().context().newCDPSession(page());
          cdpSessions.set(session.id, cdp);
        }
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: payload?.rate ?? 1 });
        return true;
      }
      if (command === 'journey-select') {
        await page()
          .locator(`[data-journey="${payload.marker}"]`)
          .selectOption({ label: payload.label });
        return true;
      }
      if (command === 'next-file') {
        page().once('filechooser', (chooser) =>
          chooser.setFiles({
            name: payload.name,
            mimeType: 'text/csv',
            buffer: Buffer.from(payload.text, 'utf8'),
          }),
        );
        // Listening turns on the browser's file chooser interception; a round trip to the page
        // makes sure it is on before the test clicks.
        await page().evaluate(() => 0);
        return true;
      }
      return undefined;
    },
    async serverStop() {
      await backend?.stop();
    },
  };
}
