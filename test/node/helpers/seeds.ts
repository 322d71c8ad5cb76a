/**
 * The seeds every property test runs with. Each runs twice: with CI's fixed seed, so a bug it
 * once caught is caught on every run, and with a seed that changes each run, so the generators
 * keep exploring. Both are printed. To replay a failure, run with only that seed:
 *   PROPERTY_SEED=<seed> npm run test:node
 * `npm test` (and so `.ci/run`) sets PROPERTY_RUN_SEED once per run, the same for every file.
 */

import fc from 'fast-check';

/** CI's fixed seed. */
export const FIXED_SEED = 20_261_128;

export interface PropertySeed {
  /** 'fixed', 'this run' or 'replay'. */
  label: string;
  seed: number;
}

export function propertySeeds(): PropertySeed[] {
  const replay = readSeed('PROPERTY_SEED');
  if (replay !== undefined) return [{ label: 'replay', seed: replay }];
  const run = readSeed('PROPERTY_RUN_SEED') ?? (Date.now() ^ (Math.random() * 0x7fffffff)) >>> 0;
  return [
    { label: 'fixed', seed: FIXED_SEED },
    { label: 'this run', seed: run },
  ];
}

/** The line printed beside a property test's result, so a failure can be replayed. */
export const replayHint = ({ label, seed }: PropertySeed): string =>
  `seed ${seed} (${label}; replay: PROPERTY_SEED=${seed} npm run test:node)`;

/**
 * fc.assert once per seed of propertySeeds(); a failure names the seed and how to replay it.
 * The property's own counters see both runs.
 */
export function checkProperty<Ts>(
  property: fc.IProperty<Ts>,
  params: Omit<fc.Parameters<Ts>, 'seed'> = {},
): void {
  for (const seed of propertySeeds()) {
    try {
      fc.assert(property, { ...params, seed: seed.seed });
    } catch (error) {
      throw withSeed(error, seed);
    }
  }
}

/** The same for an asynchronous property. */
export async function checkAsyncProperty<Ts>(
  property: fc.IAsyncProperty<Ts>,
  params: Omit<fc.Parameters<Ts>, 'seed'> = {},
): Promise<void> {
  for (const seed of propertySeeds()) {
    try {
      await fc.assert(property, { ...params, seed: seed.seed });
    } catch (error) {
      throw withSeed(error, seed);
    }
  }
}

function withSeed(error: unknown, seed: PropertySeed): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`${replayHint(seed)}\n${message}`, { cause: error });
}

function readSeed(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined || text === '') return undefined;
  const seed = Number(text);
  if (!Number.isSafeInteger(seed)) throw new Error(`${name} must be an integer, got '${text}'`);
  return seed;
}
