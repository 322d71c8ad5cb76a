/** The IndexedDB database of a store: one per store, so stores never see each other's data. */
export const databaseName = (storeId: string): string => `user-segments:${storeId}`;
