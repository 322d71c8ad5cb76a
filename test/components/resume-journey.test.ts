import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import '../../components/user-segments/user-segments.ts';
import type { UserSegments } from '../../components/user-segments/user-segments.component.ts';
import { openStore, removeStores } from '../helpers/local-stores.ts';
import { UserSegmentsHarness } from '../helpers/user-segments-harness.ts';

/**
 * The seller's journey: an upload whose page was closed half-way (a frame removed mid-upload),
 * the store opened again, the segment found as importing, Resume, the same file, done.
 */

const CONTACTS = 600;

afterEach(removeStores);

it('upload, close the page, reopen, Resume with the same file: the segment is complete', async () => {
  const reader = openStore();
  await closedAfter(reader.storeId, 250);

  const page = new UserSegmentsHarness(
    await fixture<UserSegments>(html`<user-segments .adapter=${reader}></user-segments>`),
  );
  const row = await page.list.waitForRow('Closed mid-upload');
  const [, received] = /^Importing · ([\d,]+) of 600$/.exec(row.users) ?? [];
  expect(Number(received?.replace(',', ''))).to.be.within(250, CONTACTS - 1);
  await look('list');

  await page.list.choose('Closed mid-upload', 'Resume');
  await page.waitForForm();
  await waitUntil(() => page.form.querySelector('csv-mapper'), 'no file to choose');
  await page.csvMapper.chooseFile(
    new File(
      [
        'phone,email\n' +
          Array.from({ length: CONTACTS }, (_, i) => `,guest.${i}@closed.example.in`).join('\n'),
      ],
      'guests.csv',
      { type: 'text/csv' },
    ),
  );
  await page.csvMapper.waitForResult();
  await look('form');
  page.formButton('Resume upload').click();
  await page.waitForList();
  const done = await page.list.waitForRow('Closed mid-upload');
  await page.list.waitFor(
    () => page.list.row('Closed mid-upload').users === '600',
    `listed as ${done.users}`,
  );
  const members = new Set<string>();
  let cursor: string | undefined;
  do {
    const listed = await reader.listMembers(
      (await reader.listSegments({ scope: 'store', limit: 200 })).items.find(
        (s) => s.name === 'Closed mid-upload',
      )!.id,
      { cursor, limit: 200 },
    );
    for (const c of listed.items) members.add(c.email!);
    cursor = listed.next;
  } while (cursor);
  expect(members.size).to.equal(CONTACTS);
});

/** Screenshots for a person to look at (test/screenshots/), at a phone's width and a desktop's. */
async function look(state: string): Promise<void> {
  for (const width of [360, 1280]) {
    await setViewport({ width, height: width === 360 ? 740 : 900 });
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await executeServerCommand('screenshot', { name: `resume-${state}-${width}` });
  }
  await setViewport({ width: 1280, height: 900 });
}

/** Runs the uploader page in a frame and removes it after `closeAt` contacts were sent. */
async function closedAfter(storeId: string, closeAt: number): Promise<void> {
  const frame = document.createElement('iframe');
  frame.name = JSON.stringify({ storeId, contacts: CONTACTS, batch: 50 });
  frame.srcdoc = `<!doctype html><script type="module" src="/test/browser/fixtures/uploader-page.ts"></script>`;
  await new Promise<void>((resolve, reject) => {
    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.contentWindow) return;
      const step = (event.data as { uploader?: { sent?: number; failed?: string } }).uploader;
      if (step?.failed) reject(new Error(step.failed));
      if ((step?.sent ?? -1) >= closeAt) {
        window.removeEventListener('message', onMessage);
        frame.remove();
        resolve();
      }
    };
    window.addEventListener('message', onMessage);
    document.body.append(frame);
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
}
