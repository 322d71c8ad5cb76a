/**
 * The page side of bench/csv-shapes.bench.ts: files of the same size but hostile shapes — one
 * huge record, a stray quote that runs to the end, a huge quoted cell full of line breaks — read
 * with parseCustomerCsvInWorker beside a normal file of as many bytes, and one huge record at a
 * quarter of the size, to show the cost grows with the bytes, not with their square.
 */
import { parseCustomerCsvInWorker } from '../../src/csv/index.ts';

export interface CsvShapeTiming {
  shape: string;
  bytes: number;
  ms: number;
  rows: number;
  accepted: number;
  rejected: number;
}

declare global {
  interface Window {
    runCsvShapesBench(megabytes: number): Promise<CsvShapeTiming[]>;
  }
}

const HEADER = 'name,phone,email\n';

/** Rows of a normal export, about `size` bytes in all. */
function normalRows(size: number): string {
  const parts: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < size; i++) {
    const line = `Customer ${i},98765${String(i % 100_000).padStart(5, '0')},c${i}@example.in\n`;
    parts.push(line);
    bytes += line.length;
  }
  return parts.join('');
}

const SHAPES: Record<string, (size: number) => string> = {
  'normal rows': (size) => HEADER + normalRows(size),
  'one record of the whole size': (size) => HEADER + 'x'.repeat(size) + ',98765 43210,a@x.in\n',
  'a stray quote running to the end': (size) =>
    HEADER + 'A,"98765 43210,a@x.in\n' + normalRows(size),
  'a quoted cell of the whole size, full of line breaks': (size) =>
    HEADER + '"' + 'note\n'.repeat(Math.floor(size / 5)) + '",98765 43210,a@x.in\n',
};

window.runCsvShapesBench = async (megabytes) => {
  const size = megabytes * 1_000_000;
  // Load the worker's modules once, so the first timing is not the dev server's transform.
  await parseCustomerCsvInWorker(new Blob([HEADER + normalRows(1000)]));
  const timings: CsvShapeTiming[] = [];
  const runs: [string, number][] = [
    ...Object.keys(SHAPES).map((shape): [string, number] => [shape, size]),
    ['one record of the whole size', Math.floor(size / 4)],
  ];
  for (const [shape, bytes] of runs) {
    const file = new Blob([SHAPES[shape](bytes)]);
    // The best of two runs: on a shared machine a single wall-clock run is mostly noise.
    let best: CsvShapeTiming | undefined;
    for (let run = 0; run < 2; run++) {
      await pause(200);
      const start = performance.now();
      const report = await parseCustomerCsvInWorker(file);
      const ms = performance.now() - start;
      if (!best || ms < best.ms) {
        best = {
          shape,
          bytes: file.size,
          ms,
          rows: report.rows,
          accepted: report.accepted.length,
          rejected: report.rejected.length,
        };
      }
    }
    timings.push(best!);
  }
  return timings;
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
