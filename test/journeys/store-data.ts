/**
 * The store every journey walks, the same on each adapter: a generated Indian store small enough
 * to import in a second, in the demo's time zone. The browser imports it into a LocalAdapter;
 * the reference backend (backend-process.ts) imports the same seed into a store of its own.
 */
export const JOURNEY_STORE = {
  seed: 11,
  customers: 400,
  orders: 900,
  timeZone: 'Asia/Kolkata',
  defaultCountry: 'IN',
} as const;
