import Dexie, { type Table } from 'dexie';
import type { CacheEntry } from './cache-entry.ts';

/**
 * The CachedAdapter's IndexedDB schema: one database per store and user, so one seller's answers
 * can never be read under another store or another login, and logging out deletes one database.
 *
 * Dexie stores `version(n)` as IndexedDB version 10·n. Schema versions start at 2 because
 * `indexedDB.open(name)` without a version (a devtools probe, a curious script) creates an empty
 * version 1: starting above it means such a database is treated as old and replaced.
 */
export const CACHE_SCHEMA_VERSION = 2;

export class CacheDatabase extends Dexie {
  entries!: Table<CacheEntry, string>;

  constructor(name: string, indexedDB: IDBFactory) {
    super(name, { indexedDB: pinnedVersion(indexedDB), IDBKeyRange: globalThis.IDBKeyRange });
    // An older build's cache is only a cache: its answers are dropped rather than read in a
    // format this build may misunderstand (tables it does not know are deleted by Dexie; a table
    // whose key changed fails the upgrade, and the caller then deletes the database).
    this.version(CACHE_SCHEMA_VERSION)
      .stores({ entries: '&key, *tags' })
      .upgrade((tx) => tx.table('entries').clear());
    // Dexie warns on its own when an upgrade is blocked; the EntryStore says what it does about
    // it (one warning), so Dexie's is taken away.
    const blocked = this.on.blocked;
    for (const listener of [...blocked.subscribers])
      blocked.unsubscribe(listener as (event: unknown) => void);
  }
}

/**
 * The factory, opening databases at this build's version only. Dexie, finding a database newer
 * than its schema, opens it anyway and adds its own tables under a still higher version: an old
 * tab would then reshape the cache of the newer build that took it over. Refused here, the open
 * fails with a VersionError and the cache goes on in memory.
 */
function pinnedVersion(factory: IDBFactory): IDBFactory {
  const native = CACHE_SCHEMA_VERSION * 10;
  return {
    open(name: string, version?: number) {
      if (version !== native) {
        throw new DOMException(`The cache is not at version ${native}.`, 'VersionError');
      }
      return factory.open(name, version);
    },
    deleteDatabase: (name: string) => factory.deleteDatabase(name),
    cmp: (a: unknown, b: unknown) => factory.cmp(a, b),
    databases: () => factory.databases(),
  };
}

export { cacheDatabaseName, type CacheEntry } from './cache-entry.ts';
