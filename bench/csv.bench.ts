/**
 * CSV import of a messy 1,000,000-row customer file in headless Chromium: parseCustomerCsvInWorker
 * beside papaparse's own streaming parse of the same Blob in a worker, in the same page and run.
 * Worker memory is sampled from outside through the Chrome DevTools Protocol: the page's CDP
 * session auto-attaches to each worker and asks it for Runtime.getHeapUsage every 50 ms.
 * Rows can be lowered for a quick look: CSV_BENCH_ROWS=100000 npm run bench -- csv
 */
import { availableParallelism, loadavg } from 'node:os';
import type { CDPSession, Page } from 'playwright-core';
import type { BenchEnv, BenchSection } from './harness.ts';
import type { CsvBenchResult } from './pages/csv.ts';

export default async function csvBench(env: BenchEnv): Promise<BenchSection> {
  const rows = Number(process.env.CSV_BENCH_ROWS ?? 1_000_000);
  const page = await env.openPage('/bench/pages/csv.html');
  const memory = await watchWorkerMemory(await page.context().newCDPSession(page));
  await exposeCpuSeconds(page);
  let r: CsvBenchResult | undefined;
  // Vite may reload the page once while it pre-bundles dependencies it has just discovered.
  for (let attempt = 1; !r; attempt++) {
    try {
      await page.waitForFunction(() => 'runCsvBench' in window);
      r = await page.evaluate((n) => window.runCsvBench(n), rows);
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('context was destroyed')) throw error;
    }
  }
  const peaks = memory.stop();
  await page.close();

  const peakOf = (part: string) =>
    peaks
      .filter((p) => p.url.includes(part))
      .reduce<WorkerPeak | undefined>((max, p) => (max && max.peak >= p.peak ? max : p), undefined);
  const ourPeak = peakOf('/src/csv/worker');
  const papaPeak = peakOf('csv-papa-worker');
  const mb = (bytes: number) => bytes / 1024 / 1024;
  const n = (x: number) => x.toLocaleString('en-US');
  const o = r.ours;
  const g = r.generated;
  return {
    title: `CSV import (${n(r.rows)} rows, ${mb(r.bytes).toFixed(1)} MB)`,
    // The report's totals against what the generator wrote, and papaparse's record count.
    checks: [
      { name: 'data rows in the report = rows generated', ours: o.rows, expected: g.rows },
      {
        name: 'accepted + rejected + duplicates = rows generated',
        ours: o.accepted + o.rejected + o.duplicates,
        expected: g.rows,
      },
      {
        name: 'papaparse records = rows generated + the header',
        ours: r.papaparse.rows,
        expected: g.rows + 1,
      },
      {
        name: 'rejected rows with phone and email blank = such rows generated',
        ours: o.blankRejected,
        expected: g.blankBoth,
      },
      {
        name: `duplicates (${n(o.duplicates)}) at most the ${n(g.repeats)} repeated customers, and some`,
        ours: o.duplicates <= g.repeats && o.duplicates > 0,
        expected: true,
      },
    ],
    rows: [
      {
        name: 'parseCustomerCsvInWorker, whole import',
        value: o.ms,
        unit: 'ms',
        baseline: { name: 'papaparse streaming parse in a worker', value: r.papaparse.ms },
        // Issue 19: within 1.5× of papaparse's own parse (1.46× when the goal was set).
        goal: { max: 2000, maxRatio: 1.5 },
      },
      {
        name: 'longest main-thread task during the import',
        // Unproven (and so not met) unless the observer caught the deliberate 80 ms task.
        value: o.calibrationTaskMs >= 50 ? o.longestTaskMs : Infinity,
        unit: 'ms',
        goal: { max: 50 },
      },
      {
        name: 'largest gap between progress events',
        value: o.largestProgressGapMs,
        unit: 'ms',
        goal: { max: 250 },
        // With a handful of events the largest gap says nothing about the page's feedback.
        evidence: { what: 'progress events', count: o.progressEvents, min: 10 },
      },
      {
        name: 'peak worker memory (JS heap + array buffers, CDP Runtime.getHeapUsage every 50 ms)',
        value: ourPeak ? mb(ourPeak.peak) : NaN,
        unit: 'MB',
        ...(papaPeak ? { baseline: { name: 'papaparse worker', value: mb(papaPeak.peak) } } : {}),
        goal: { max: 300 },
      },
    ],
    notes: [
      `report: ${n(o.rows)} rows = ${n(o.accepted)} accepted + ${n(o.rejected)} rejected (${n(o.scientificRejected)} in scientific notation) + ${n(o.duplicates)} duplicates; papaparse saw ${n(r.papaparse.rows)} records`,
      `progress: ${o.progressEvents} events, first after ${o.firstProgressMs.toFixed(0)} ms; ${o.longTasks} long task(s) on the main thread (the observer saw a deliberate 80 ms task as ${o.calibrationTaskMs.toFixed(0)} ms)`,
      `memory samples: ${peaks.map((p) => `${p.url.replace(/^.*\//, '').replace(/\?.*/, '')} ${p.samples} samples, peak ${mb(p.peak).toFixed(1)} MB${p.buffers ? ' (heap + buffers)' : ' (JS heap only: no buffer figure reported)'}`).join('; ')}`,
      `CPU time of Chromium's processes (worker, page and the browser's file reading; CDP SystemInfo.getProcessInfo, 10 ms steps) while each side ran: ours ${n(Math.round(o.cpuMs))} ms, papaparse ${n(Math.round(r.papaparse.cpuMs))} ms, ratio ${(o.cpuMs / r.papaparse.cpuMs).toFixed(2)}× — not swayed by other processes as wall-clock is, but it counts all Chromium does meanwhile (the page collecting the generator's garbage during the first side, say)`,
      `file generated in the page in ${n(Math.round(r.generateMs))} ms; machine load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(
          ' / ',
        )} on ${availableParallelism()} cores (figures are wall-clock, so other processes slow both sides)`,
    ],
  };
}

/**
 * Lets the page read how much CPU Chromium has used so far (all its processes, in seconds), so
 * each side's cost can be told apart from time spent waiting for a loaded machine.
 */
async function exposeCpuSeconds(page: Page): Promise<void> {
  const browser = page.context().browser();
  if (!browser) return;
  const cdp = await browser.newBrowserCDPSession();
  await page.exposeFunction('benchCpuSeconds', async () => {
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
      processInfo: { cpuTime: number }[];
    };
    return processInfo.reduce((sum, process) => sum + process.cpuTime, 0);
  });
}

interface WorkerPeak {
  url: string;
  peak: number;
  samples: number;
  /** Whether Chromium reported array-buffer memory (backingStorageSize) beside the JS heap. */
  buffers: boolean;
}

/**
 * Attaches to every worker the page starts (flatten: false, so messages go through
 * Target.sendMessageToTarget on this one session) and polls each one's heap usage.
 */
async function watchWorkerMemory(cdp: CDPSession): Promise<{ stop(): WorkerPeak[] }> {
  const workers = new Map<string, WorkerPeak & { done: boolean }>();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
    if (targetInfo.type === 'worker')
      workers.set(sessionId, {
        url: targetInfo.url,
        peak: 0,
        samples: 0,
        buffers: false,
        done: false,
      });
  });
  cdp.on('Target.detachedFromTarget', ({ sessionId }) => {
    const worker = workers.get(sessionId);
    if (worker) worker.done = true;
  });
  cdp.on('Target.receivedMessageFromTarget', ({ sessionId, message }) => {
    const worker = workers.get(sessionId);
    const result = (JSON.parse(message) as { result?: HeapUsage }).result;
    if (!worker || !result || result.usedSize === undefined) return;
    worker.peak = Math.max(worker.peak, result.usedSize + (result.backingStorageSize ?? 0));
    worker.buffers ||= result.backingStorageSize !== undefined;
    worker.samples++;
  });
  await cdp.send('Target.setAutoAttach', {
    autoAttach: true,
    waitForDebuggerOnStart: false,
    flatten: false,
  });
  const timer = setInterval(() => {
    for (const [sessionId, worker] of workers) {
      if (worker.done) continue;
      const message = JSON.stringify({ id: nextId++, method: 'Runtime.getHeapUsage' });
      cdp.send('Target.sendMessageToTarget', { sessionId, message }).catch(() => {
        worker.done = true;
      });
    }
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return [...workers.values()].map(({ url, peak, samples, buffers }) => ({
        url,
        peak,
        samples,
        buffers,
      }));
    },
  };
}

interface HeapUsage {
  usedSize?: number;
  backingStorageSize?: number;
}
