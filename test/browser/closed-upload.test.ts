import { expect } from '@open-wc/testing';
import { saveCsvSegment, type Segment } from '../../src/core.ts';
import { databaseName } from '../../src/adapters/local/database-name.ts';
import { openStore, removeStores } from '../helpers/local-stores.ts';

/**
 * A page closed while it uploads a CSV segment on the LocalAdapter: a frame runs saveCsvSegment
 * and is removed (its page unloads, its IndexedDB work stops) at a chosen moment. The store,
 * opened again, must hold no segment or an importing one whose progress is the number of
 * contacts stored, never counted; resuming with the same file must finish it, each contact once.
 */

const CONTACTS = 2_000;
const BATCH = 100;

afterEach(removeStores);

describe('a page closed mid-upload, on the LocalAdapter', () => {
  // At once, as soon as the page starts, and after a few batches (a kill point that is not a
  // batch boundary lands while a batch is being written).
  for (const closeAt of [-2, -1, 250, 1_130]) {
    it(`closed ${closeAt < 0 ? (closeAt === -2 ? 'at once' : 'as it starts') : `after ${closeAt} contacts`}: absent or importing with its true count, then resumed`, async () => {
      const reader = openStore();
      const { storeId } = reader;
      await closedUpload(storeId, closeAt);

      const left = (await reader.listSegments({ scope: 'store', limit: 200 })).items.find(
        (s) => s.name === 'Closed mid-upload',
      );
      let resume: Segment | undefined;
      if (left) {
        expect(left.status).to.equal('importing');
        expect(left.memberCount).to.equal(null);
        const stored = await storedEmails(storeId, left.id);
        expect(left.progress).to.deep.equal({ received: stored.length, expected: CONTACTS });
        expect(stored).to.deep.equal(emails(stored.length));
        const refused = await reader.countMembers({ segmentId: left.id }).catch((e: unknown) => e);
        expect((refused as { code?: string }).code).to.equal('incomplete');
        resume = left;
      }

      const finished = await saveCsvSegment(
        reader,
        {
          name: 'Closed mid-upload',
          type: 'csv',
          csv: {
            fileName: 'guests.csv',
            phoneColumn: 'phone',
            emailColumn: 'email',
            accepted: CONTACTS,
            rejected: 0,
            duplicates: 0,
          },
        },
        { accepted: emails(CONTACTS).map((email, i) => ({ line: i + 2, email })) },
        { batchSize: BATCH, resume },
      );
      if (resume) expect(finished.id).to.equal(resume.id);
      expect(finished.status).to.equal(undefined);
      expect(finished.memberCount).to.equal(CONTACTS);
      expect(await storedEmails(storeId, finished.id)).to.deep.equal(emails(CONTACTS));
    });
  }
});

/** Runs the uploader in a frame and removes the frame once it reported `closeAt` contacts sent. */
async function closedUpload(storeId: string, closeAt: number): Promise<void> {
  const frame = document.createElement('iframe');
  frame.name = JSON.stringify({ storeId, contacts: CONTACTS, batch: BATCH });
  frame.srcdoc = `<!doctype html><script type="module" src="/test/browser/fixtures/uploader-page.ts"></script>`;
  await new Promise<void>((resolve, reject) => {
    const close = () => {
      window.removeEventListener('message', onMessage);
      frame.remove();
      resolve();
    };
    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.contentWindow) return;
      const step = (event.data as { uploader?: Record<string, unknown> }).uploader;
      if (!step) return;
      if (step.failed) reject(new Error(String(step.failed)));
      if (step.done) close(); // it finished before the moment came: closing now changes nothing
      if (closeAt === -1 && step.started) close();
      if (typeof step.sent === 'number' && closeAt >= 0 && step.sent >= closeAt) close();
    };
    window.addEventListener('message', onMessage);
    document.body.append(frame);
    if (closeAt === -2) close();
  });
  // Let IndexedDB settle what the closed page left in flight.
  await new Promise((resolve) => setTimeout(resolve, 300));
}

/** The contacts stored for a segment, in order, read from IndexedDB itself: the oracle. */
async function storedEmails(storeId: string, segmentId: string): Promise<string[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(databaseName(storeId));
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    const blocks = await new Promise<{ segmentId: string; block: number; json: string }[]>(
      (resolve, reject) => {
        const request = db.transaction('memberBlocks').objectStore('memberBlocks').getAll();
        request.onsuccess = () => resolve(request.result as never);
        request.onerror = () => reject(request.error);
      },
    );
    return blocks
      .filter((b) => b.segmentId === segmentId)
      .sort((a, b) => a.block - b.block)
      .flatMap((b) => (JSON.parse(b.json) as { email: string }[]).map((m) => m.email));
  } finally {
    db.close();
  }
}

function emails(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `guest.${i}@closed.example.in`);
}
