/**
 * Which delimiter a CSV file uses. Spreadsheets in comma-decimal locales write `;`, some exports
 * use tab or `|`; the first lines of the file tell which one splits every line the same way.
 */
import { CsvRecordReader } from './records.ts';

export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Lines of the sample looked at; enough to be sure, few enough to be instant. */
const SAMPLE_RECORDS = 30;

/**
 * The delimiter (one of `DELIMITERS`) that gives the header the most columns while splitting the
 * following lines into as many columns; `,` when none splits the header. `complete` says the
 * sample is the whole file (so its last line is not cut off).
 */
export function detectDelimiter(sample: string, complete = false): string {
  let best = { delimiter: ',', consistency: 0, columns: 1 };
  for (const delimiter of DELIMITERS) {
    const counts = countFields(sample, delimiter, complete);
    if (counts.length === 0 || counts[0] < 2) continue;
    const columns = counts[0];
    const rest = counts.slice(1);
    const consistency = rest.length
      ? rest.filter((count) => count === columns).length / rest.length
      : 1;
    if (
      consistency > best.consistency ||
      (consistency === best.consistency && columns > best.columns)
    ) {
      best = { delimiter, consistency, columns };
    }
  }
  return best.delimiter;
}

/** Accepts what people type for a delimiter ("tab", "\t", ";"); undefined when it is none of ours. */
export function toDelimiter(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === '\\t' || value.toLowerCase() === 'tab') return '\t';
  return (DELIMITERS as readonly string[]).includes(value) ? value : undefined;
}

/** Fields per non-blank record in the sample (the last, possibly cut-off record is left out). */
function countFields(sample: string, delimiter: string, complete: boolean): number[] {
  const counts: number[] = [];
  const reader = new CsvRecordReader(delimiter, (record) => {
    if (record.isBlank()) return;
    counts.push(record.length);
    if (counts.length >= SAMPLE_RECORDS) reader.stop();
  });
  reader.push(sample);
  if (complete) reader.end();
  return counts;
}
