/**
 * What the CachedAdapter keeps and where, without Dexie: the database module (cache-database.ts)
 * loads when the first adapter is made, beside the page.
 */

/**
 * `us-cache:<storeId>:<userKey>`, each part URI-encoded so that no two (store, user) pairs share a
 * name: store "a:b" with user "c" and store "a" with user "b:c" would otherwise collide.
 */
export const cacheDatabaseName = (storeId: string, userKey: string): string =>
  `us-cache:${encodeURIComponent(storeId)}:${encodeURIComponent(userKey)}`;

/** One remembered answer. */
export interface CacheEntry {
  /** What was asked, e.g. `seg:<id>` or a listSegments query. */
  key: string;
  value: unknown;
  /** What the answer depends on; a write removes every entry carrying a tag it touches. */
  tags: string[];
  /** Date.now() when the inner adapter gave the answer. */
  storedAt: number;
}
