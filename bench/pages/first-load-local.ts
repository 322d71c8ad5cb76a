// For comparison only: the same page on the embedded LocalAdapter (IndexedDB through Dexie).
import '../../components/user-segments/user-segments.ts';
import { LocalAdapter } from '../../src/adapters/local/local-adapter.ts';

const page = document.createElement('user-segments');
page.adapter = new LocalAdapter({ storeId: 'bench' });
document.body.append(page);
