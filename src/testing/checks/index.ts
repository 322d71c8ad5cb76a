import { audienceChecks } from './audience.ts';
import { copyChecks } from './copies.ts';
import { eventChecks } from './events.ts';
import { historyChecks } from './history.ts';
import { importChecks } from './imports.ts';
import {
  type AdapterCheck,
  type AdapterCheckResult,
  type AdapterFactory,
  type RunAdapterChecksOptions,
} from './kit.ts';
import { listingChecks } from './listing.ts';
import { memberChecks } from './members.ts';
import { segmentChecks } from './segments.ts';

export type {
  AdapterCheck,
  AdapterCheckResult,
  AdapterFactory,
  AdapterHandle,
  AdapterSeed,
  GlobalSegmentSeed,
  RunAdapterChecksOptions,
} from './kit.ts';
export {
  FILTER_CASES,
  KIT_GLOBAL_SEGMENTS,
  KIT_TIME_ZONE,
  kitSeed,
  type FilterCase,
} from './data.ts';

/** Every documented adapter behaviour as a named check, in the order a reader meets them. */
export const adapterChecks: readonly AdapterCheck[] = [
  ...segmentChecks,
  ...copyChecks,
  ...listingChecks,
  ...memberChecks,
  ...audienceChecks,
  ...historyChecks,
  ...eventChecks,
  ...importChecks,
];

/**
 * Runs the checks one after another (each builds its own store, and stores are heavy) and
 * reports every result; it never throws for a failed check.
 */
export async function runAdapterChecks(
  factory: AdapterFactory,
  options: RunAdapterChecksOptions = {},
): Promise<AdapterCheckResult[]> {
  const results: AdapterCheckResult[] = [];
  for (const check of adapterChecks) {
    if (options.only && !options.only(check.name)) continue;
    let result: AdapterCheckResult;
    try {
      await check.run(factory);
      result = { name: check.name, ok: true };
    } catch (error) {
      result = {
        name: check.name,
        ok: false,
        error: error instanceof Error ? error : new Error(String(error)),
      };
    }
    results.push(result);
    options.onResult?.(result);
  }
  return results;
}
