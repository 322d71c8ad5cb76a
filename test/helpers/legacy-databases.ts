import Dexie from 'dexie';
import { databaseName } from '../../src/adapters/local/database-name.ts';

/**
 * The LocalAdapter's IndexedDB tables as earlier versions left them, written out by hand rather
 * than read from database.ts: an upgrade test must start from what that version really wrote.
 */
const VERSION_1 = {
  meta: '&key',
  customerBlocks: '&block',
  statsBlocks: '&block',
  orderBlocks: '&block',
  segments: '&id, &nameKey',
  members: '++seq, segmentId',
  batches: '&[segmentId+batchId]',
};
const { members: _members, ...withoutMembers } = VERSION_1;
// Version 3 kept a segment's members in blocks; version 4 added the daily counts.
const VERSION_3 = { ...withoutMembers, memberBlocks: '&[segmentId+block]' };
const VERSION_4 = { ...VERSION_3, countSnapshots: '&[segmentId+date]' };
const SCHEMAS = { 1: VERSION_1, 3: VERSION_3, 4: VERSION_4 };

/** A store's database opened as `version` of the LocalAdapter had it, to write its data by hand. */
export function legacyDatabase(storeId: string, version: keyof typeof SCHEMAS): Dexie {
  const db = new Dexie(databaseName(storeId));
  db.version(version).stores(SCHEMAS[version]);
  return db;
}
