/**
 * The Indian-number fast path of normalisePhone beside libphonenumber-js/max parsing the same
 * 20,000 numbers, in Node, in the same run. Both must give the same E.164 answer for every
 * number before either time is printed.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { indianNumberFastPath } from '../src/phone.ts';
import { medianMs, type BenchFile } from './harness.ts';

const run: BenchFile = async () => {
  // The shape sellers' sheets write most: '+91-98xxx-xxxxx'.
  const inputs = Array.from(
    { length: 20_000 },
    (_, i) =>
      `+91-98${String(i % 1000).padStart(3, '0')}-${String(i * 7)
        .padStart(5, '0')
        .slice(-5)}`,
  );
  const fast = inputs.map((text) => indianNumberFastPath(text));
  const slow = inputs.map((text) => libphonenumber(text));
  const differing = inputs.filter((_, i) => fast[i] !== slow[i]);
  const fastMs = await medianMs(() => inputs.forEach((text) => indianNumberFastPath(text)), 9);
  const slowMs = await medianMs(() => inputs.forEach((text) => libphonenumber(text)), 9);
  return {
    title: 'Phone numbers (Node, 20,000 Indian mobiles)',
    checks: [
      {
        name: 'numbers where the fast path and libphonenumber differ',
        ours: differing.slice(0, 5),
        expected: [],
      },
      {
        name: 'numbers the fast path answered (it must not fall back for these)',
        ours: fast.filter((e164) => e164 !== undefined).length,
        expected: inputs.length,
      },
    ],
    rows: [
      {
        name: 'indianNumberFastPath, 20,000 numbers',
        value: fastMs,
        unit: 'ms',
        baseline: { name: 'libphonenumber-js/max parse + isValid', value: slowMs },
        // At least five times faster, as the fast path's reason for being.
        goal: { maxRatio: 0.2 },
      },
    ],
    notes: ['Median of 9 runs after a warm-up.'],
  };
};

export default run;

function libphonenumber(text: string): string | undefined {
  const parsed = parsePhoneNumberFromString(text.trim(), 'IN');
  return parsed?.isValid() ? parsed.number : undefined;
}
