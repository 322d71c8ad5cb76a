/**
 * The page side of bench/csv.bench.ts: builds a messy 1,000,000-row customer CSV in the page, then
 * imports it with parseCustomerCsvInWorker and, as the baseline, parses the same Blob with
 * papaparse in a worker, watching main-thread long tasks and progress events.
 */
import { parseCustomerCsvInWorker, peekCustomerCsvInWorker } from '../../src/csv/index.ts';

export interface CsvBenchResult {
  rows: number;
  bytes: number;
  /** What the generator wrote, counted as it wrote it. */
  generated: GeneratedCounts;
  generateMs: number;
  papaparse: { ms: number; rows: number; cpuMs: number };
  ours: {
    ms: number;
    /** CPU time of Chromium's processes while the import ran (NaN where it cannot be read). */
    cpuMs: number;
    rows: number;
    accepted: number;
    rejected: number;
    duplicates: number;
    longestTaskMs: number;
    longTasks: number;
    calibrationTaskMs: number;
    progressEvents: number;
    firstProgressMs: number;
    largestProgressGapMs: number;
    scientificRejected: number;
    /** Rejected rows whose phone and email cells are both blank. */
    blankRejected: number;
  };
}

declare global {
  interface Window {
    runCsvBench(rows: number): Promise<CsvBenchResult>;
    /** Seconds of CPU all of Chromium's processes have used, from the bench (csv.bench.ts). */
    benchCpuSeconds?: () => Promise<number>;
  }
}

/** Counts kept by the generator, for the bench to check the import's report against. */
export interface GeneratedCounts {
  /** Data rows written (the header not included). */
  rows: number;
  /** Rows whose phone and email are both blank: every importer must reject them. */
  blankBoth: number;
  /** Rows with a phone a spreadsheet turned into scientific notation. */
  scientific: number;
  /** Rows that repeat an earlier customer (same phone and email). */
  repeats: number;
}

window.runCsvBench = async (rows) => {
  let start = performance.now();
  const { file, counts } = generateCustomers(rows);
  const generateMs = performance.now() - start;

  // Both sides get their worker modules loaded once before they are timed (see the peek below).
  await papaparseInWorker(new Blob(['a,b\n1,2\n']));
  await pause(500);
  // Read outside the timed spans: asking the bench costs a round trip.
  let cpu = await cpuSeconds();
  start = performance.now();
  const papaRows = await papaparseInWorker(file);
  const papaMs = performance.now() - start;
  const papaCpuMs = ((await cpuSeconds()) - cpu) * 1000;

  // As <csv-mapper> does: peek at the file first (headers, preview). This also loads the worker's
  // modules once, so the timed import below measures a fresh worker, not the dev server's
  // first on-the-fly TypeScript transform.
  const peek = await peekCustomerCsvInWorker(file);
  await pause(500);
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  // Proof the observer sees long tasks here: an 80 ms busy task must show up before we trust a 0.
  setTimeout(() => busyFor(80));
  await pause(300);
  const calibrationTaskMs = Math.max(0, ...longTasks);
  longTasks.length = 0;
  const progressTimes: number[] = [];
  cpu = await cpuSeconds();
  start = performance.now();
  const report = await parseCustomerCsvInWorker(file, {
    phoneColumn: peek.suggested.phoneColumn,
    emailColumn: peek.suggested.emailColumn,
    onProgress: () => progressTimes.push(performance.now()),
  });
  const ms = performance.now() - start;
  const cpuMs = ((await cpuSeconds()) - cpu) * 1000;
  await pause(100);
  observer.disconnect();
  const gaps = progressTimes.slice(1).map((time, i) => time - progressTimes[i]);

  return {
    rows,
    bytes: file.size,
    generated: counts,
    generateMs,
    papaparse: { ms: papaMs, rows: papaRows, cpuMs: papaCpuMs },
    ours: {
      ms,
      cpuMs,
      rows: report.rows,
      accepted: report.accepted.length,
      rejected: report.rejected.length,
      duplicates: report.duplicates,
      longestTaskMs: Math.max(0, ...longTasks),
      longTasks: longTasks.length,
      calibrationTaskMs,
      progressEvents: progressTimes.length,
      firstProgressMs: progressTimes[0] - start,
      largestProgressGapMs: Math.max(0, ...gaps),
      scientificRejected: report.rejected.filter((row) => /scientific/.test(row.reason)).length,
      blankRejected: report.rejected.filter((row) => row.values[1] === '' && row.values[2] === '')
        .length,
    },
  };
};

function papaparseInWorker(file: Blob): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./csv-papa-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<{ rows?: number; error?: string }>) => {
      worker.terminate();
      if (event.data.error) reject(new Error(event.data.error));
      else resolve(event.data.rows!);
    };
    worker.onerror = (event) => reject(new Error(event.message));
    worker.postMessage(file);
  });
}

async function cpuSeconds(): Promise<number> {
  return window.benchCpuSeconds ? window.benchCpuSeconds() : NaN;
}

function busyFor(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const FIRST = [
  'Aarav',
  'Vivaan',
  'Aditya',
  'Diya',
  'Ananya',
  'Ishaan',
  'Meera',
  'Kabir',
  'Saanvi',
  'Rohan',
];
const LAST = ['Sharma', 'Verma', 'Iyer', 'Nair', 'Reddy', 'Patel', 'Gupta', 'Das', 'Khan', 'Singh'];
const CITIES = ['Mumbai', 'Delhi', 'Bengaluru', 'Chennai', 'Kolkata', 'Pune', 'Jaipur', 'Kochi'];

/**
 * Customers as sellers export them: phones written every usual way, some invalid, some mangled by
 * a spreadsheet into scientific notation, some blank; some bad emails; some repeated customers.
 * A fixed linear congruential sequence makes every run build the same file.
 */
function generateCustomers(count: number): { file: Blob; counts: GeneratedCounts } {
  const counts: GeneratedCounts = { rows: 0, blankBoth: 0, scientific: 0, repeats: 0 };
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const parts: string[] = ['name,phone,email,city,orders,joined_on\n'];
  let lines: string[] = [];
  for (let i = 0; i < count; i++) {
    // Two customers in a hundred repeat an earlier customer's number.
    const id = i > 1000 && random() < 0.02 ? i - 1 - Math.floor(random() * 1000) : i;
    const national = String(7_000_000_000 + id * 1997);
    const first = FIRST[id % 10];
    const last = LAST[Math.floor(id / 10) % 10];
    const phone = phoneAsWritten(national, random());
    const email = emailAsWritten(first, last, id, random());
    counts.rows++;
    if (id !== i) counts.repeats++;
    if (phone === '' && email === '') counts.blankBoth++;
    if (phone.includes('E+')) counts.scientific++;
    lines.push(
      `${first} ${last},${phone},${email},${CITIES[id % 8]},${id % 17},2024-${String((id % 12) + 1).padStart(2, '0')}-${String((id % 28) + 1).padStart(2, '0')}`,
    );
    if (lines.length === 10_000) {
      parts.push(lines.join('\n') + '\n');
      lines = [];
    }
  }
  if (lines.length) parts.push(lines.join('\n') + '\n');
  return { file: new Blob(parts, { type: 'text/csv' }), counts };
}

function phoneAsWritten(national: string, r: number): string {
  if (r < 0.25) return `${national.slice(0, 5)} ${national.slice(5)}`;
  if (r < 0.45) return `+91-${national.slice(0, 5)}-${national.slice(5)}`;
  if (r < 0.58) return `0${national}`;
  if (r < 0.68) return `91${national}`;
  if (r < 0.8) return national;
  if (r < 0.88) return `+91 ${national.slice(0, 5)} ${national.slice(5)}`;
  if (r < 0.91) return national.slice(0, 7); // too short
  if (r < 0.93) return `${national.slice(0, 1)}.${national.slice(1, 9)}E+09`; // spreadsheet-mangled
  if (r < 0.95) return `"${national.slice(0, 5)}, ${national.slice(5)}"`; // a quoted odd one
  return '';
}

function emailAsWritten(first: string, last: string, id: number, r: number): string {
  if (r < 0.05) return '';
  if (r < 0.08) return `${first.toLowerCase()} at example.com`;
  if (r < 0.2) return ` ${first}.${last}${id}@Example.COM `;
  return `${first.toLowerCase()}.${last.toLowerCase()}${id}@example.com`;
}
