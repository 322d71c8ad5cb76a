import type { SegmentAdapter } from '../../adapter.ts';
import type { Customer, FilterGroup, Order } from '../../model.ts';

/**
 * The shape of the conformance kit: named checks that run against any
 * SegmentAdapter factory, with no test framework imposed. A host wires each check into its own
 * runner (`it(check.name, () => check.run(factory))`) or calls runAdapterChecks.
 */

/** A platform-wide, read-only segment a store sees under the 'global' scope, under this id. */
export interface GlobalSegmentSeed {
  id: string;
  name: string;
  filter: FilterGroup;
}

/** What the factory must put in a fresh store before the check talks to it. */
export interface AdapterSeed {
  /** As generateStore makes them: without order statistics, which the store derives from orders. */
  customers: Customer[];
  orders: Order[];
  globalSegments?: GlobalSegmentSeed[];
  /** IANA time zone of the store's calendar days; the kit's filters are checked in it. */
  timeZone?: string;
  /** ISO 3166 code for phone numbers written without a country code. */
  defaultCountry?: string;
}

export interface AdapterHandle {
  adapter: SegmentAdapter;
  /** Frees what the factory made (databases, servers); called after every check. */
  dispose?(): Promise<void>;
}

/**
 * Makes a fresh, isolated store holding exactly the seed: nothing a previous check wrote may be
 * visible. The LocalAdapter's factory uses a new storeId and imports customers and orders; a
 * RestAdapter's factory seeds its backend.
 */
export type AdapterFactory = (seed: AdapterSeed) => Promise<AdapterHandle>;

export interface AdapterCheck {
  name: string;
  /** Resolves when the adapter behaves as documented; throws an Error that says why not. */
  run(factory: AdapterFactory): Promise<void>;
}

export interface AdapterCheckResult {
  name: string;
  ok: boolean;
  error?: Error;
}

export interface RunAdapterChecksOptions {
  /** Runs only the checks whose name passes. */
  only?: (name: string) => boolean;
  /** Called after each check, e.g. to print progress. */
  onResult?: (result: AdapterCheckResult) => void;
}

/** Builds a store from the seed, hands its adapter to `body`, and always disposes of it. */
export async function withAdapter<T>(
  factory: AdapterFactory,
  seed: AdapterSeed,
  body: (adapter: SegmentAdapter) => Promise<T>,
): Promise<T> {
  const handle = await factory(seed);
  try {
    return await body(handle.adapter);
  } finally {
    await handle.dispose?.();
  }
}

/** Declares a check; the body receives a fresh adapter seeded with the kit's store. */
export const defineCheck = (
  name: string,
  seed: () => AdapterSeed,
  body: (adapter: SegmentAdapter) => Promise<void>,
): AdapterCheck => ({
  name,
  run: (factory) => withAdapter(factory, seed(), body),
});
