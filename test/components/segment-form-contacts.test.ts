import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../components/segment-form/segment-form.ts';
import type { SegmentForm } from '../../components/segment-form/segment-form.component.ts';
import type { CsvMapper } from '../../components/csv-mapper/csv-mapper.component.ts';
import { SegmentError, saveCsvSegment, type Segment, type SegmentAdapter } from '../../src/core.ts';
import { getAllByRole, getByRole, queryByRole } from '../helpers/queries.ts';
import { removeStores } from '../helpers/local-stores.ts';
import { buyersFile, seededStore, withOverrides } from '../helpers/segment-fixtures.ts';
import { CsvMapperHarness } from '../helpers/csv-mapper-harness.ts';
import { translationLoaded } from '../../components/shared/localize.ts';

/**
 * Editing a ready CSV segment: "Add contacts from a file" and "Replace all contacts" open the
 * same file picker, Submit sends the file into the segment under the progress bar, and the form
 * says what changed; a failed upload leaves the segment as it was.
 */

afterEach(removeStores);

/** A ready CSV segment of 10 contacts, 5 of whom (buyer0…buyer4) are in buyers.csv too. */
async function regulars(adapter: SegmentAdapter): Promise<Segment> {
  const emails = [
    ...Array.from({ length: 5 }, (_, i) => `regular${i}@example.in`),
    ...Array.from({ length: 5 }, (_, i) => `buyer${i}@example.in`),
  ];
  return saveCsvSegment(
    adapter,
    {
      name: 'Regulars',
      type: 'csv',
      csv: {
        fileName: 'regulars.csv',
        phoneColumn: 'phone',
        emailColumn: 'email',
        accepted: emails.length,
        rejected: 0,
        duplicates: 0,
      },
    },
    { accepted: emails.map((email, i) => ({ line: i + 2, email })) },
  );
}

async function editing(adapter: SegmentAdapter, id: string, lang = 'en') {
  const element = await fixture<SegmentForm>(
    html`<segment-form
      .adapter=${adapter}
      segment-id=${id}
      lang=${lang}
      batch-size="10"
    ></segment-form>`,
  );
  const root = element.shadowRoot!;
  await waitUntil(() => root.querySelector('#name'), 'never loaded');
  return { element, root };
}

async function chooseAndSave(element: SegmentForm, choice: string) {
  const root = element.shadowRoot!;
  const radio = getByRole(root, 'radio', { name: choice }) as HTMLInputElement;
  radio.click();
  await element.updateComplete;
  const mapper = new CsvMapperHarness(root.querySelector<CsvMapper>('csv-mapper')!);
  await mapper.chooseFile(buyersFile());
  await mapper.waitForResult();
  (getByRole(root, 'button', { name: 'Save' }) as HTMLButtonElement).click();
}

const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** The text of the live status that matches `pattern` (the form has others: progress, …). */
const statusSaying = (root: ParentNode, pattern: RegExp) =>
  getAllByRole(root, 'status')
    .map(text)
    .find((said) => pattern.test(said)) ?? '';

describe('<segment-form> editing a CSV segment’s contacts', () => {
  it('offers the choices in a named group; the file picker only once one is chosen', async () => {
    const adapter = await seededStore();
    const made = await regulars(adapter);
    const { element, root } = await editing(adapter, made.id);
    // getByRole throws, listing what is there, when no element has that role and name.
    const group = getByRole(root, 'group', { name: 'Contacts' });
    const keep = getByRole(root, 'radio', { name: 'Keep the contacts' }) as HTMLInputElement;
    expect(keep.checked).to.equal(true);
    expect(root.querySelector('csv-mapper')).to.equal(null);
    (getByRole(root, 'radio', { name: 'Replace all contacts' }) as HTMLInputElement).click();
    await element.updateComplete;
    expect(root.querySelector('csv-mapper')).to.not.equal(null);
    expect(text(group)).to.contain("they become the segment's only contacts");
    // Saving with no file is refused where the file goes, and nothing changes.
    (getByRole(root, 'button', { name: 'Save' }) as HTMLButtonElement).click();
    await element.updateComplete;
    await waitUntil(() => root.querySelector('#part-error'), 'no message about the file');
    expect((await adapter.getSegment(made.id)).version).to.equal(made.version);
  });

  it('Add contacts from a file: batches of this upload, the count grows, a known contact once', async () => {
    const adapter = await seededStore();
    const made = await regulars(adapter);
    const batches: string[] = [];
    const watching = withOverrides(adapter, {
      addMembers: ((id: string, batch: never[], o: { batchId: string }) => {
        batches.push(o.batchId);
        return adapter.addMembers(id, batch, o);
      }) as never,
    });
    const { element, root } = await editing(watching, made.id);
    const saved = oneEvent(element, 'segment-saved');
    await chooseAndSave(element, 'Add contacts from a file');
    const { segment } = (await saved).detail as { segment: Segment };
    // 25 in the file, 5 of them members already: 20 join the 10.
    expect(segment.memberCount).to.equal(30);
    expect(segment.status).to.equal(undefined);
    expect(batches).to.deep.equal([
      `${made.id}/reopen-1/members/0-10`,
      `${made.id}/reopen-1/members/10-20`,
      `${made.id}/reopen-1/members/20-25`,
    ]);
    await element.updateComplete;
    expect(statusSaying(root, /Added/)).to.equal(
      'Added 20 new contacts. "Regulars" now has 30 contacts.',
    );
    // The form is back to keeping the contacts, with the new file named.
    expect(root.querySelector('csv-mapper')).to.equal(null);
    expect(text(root.querySelector('.csv-current p'))).to.contain('buyers.csv');
  });

  it('Replace all contacts: exactly the new file’s, said with the new total', async () => {
    const adapter = await seededStore();
    const made = await regulars(adapter);
    const { element, root } = await editing(adapter, made.id);
    const saved = oneEvent(element, 'segment-saved');
    await chooseAndSave(element, 'Replace all contacts');
    const { segment } = (await saved).detail as { segment: Segment };
    expect(segment.memberCount).to.equal(25);
    const members = await adapter.listMembers(made.id, { limit: 100 });
    const emails = members.items.map((c) => c.email).sort();
    expect(emails).to.deep.equal(
      Array.from({ length: 25 }, (_, i) => `buyer${i}@example.in`).sort(),
    );
    await element.updateComplete;
    expect(statusSaying(root, /now has/)).to.equal(
      '"Regulars" now has the 25 contacts of buyers.csv.',
    );
  });

  it('a replace that fails midway leaves the old contacts and says so', async () => {
    const adapter = await seededStore();
    const made = await regulars(adapter);
    let calls = 0;
    const failing = withOverrides(adapter, {
      addMembers: ((id: string, batch: never[], o: { batchId: string }) =>
        ++calls === 2
          ? Promise.reject(new SegmentError('invalid', 'refused'))
          : adapter.addMembers(id, batch, o)) as never,
    });
    const { element, root } = await editing(failing, made.id);
    await chooseAndSave(element, 'Replace all contacts');
    await waitUntil(() => queryByRole(root, 'alert'), 'no message', { timeout: 10_000 });
    expect(text(queryByRole(root, 'alert'))).to.contain(
      'The contacts were not changed: only 10 of 25 could be sent',
    );
    const now = await adapter.getSegment(made.id);
    expect(now.status).to.equal(undefined);
    expect(now.memberCount).to.equal(10);
    expect(now.csv?.fileName).to.equal('regulars.csv');
  });

  it('a reopened upload left importing can be dropped: Keep the old contacts', async () => {
    const adapter = await seededStore();
    const made = await regulars(adapter);
    await adapter.reopenImport(made.id, {
      mode: 'replace',
      csv: { ...made.csv!, fileName: 'half.csv', accepted: 4 },
      expectedVersion: made.version,
    });
    await adapter.addMembers(made.id, [{ email: 'new0@example.in' }], {
      batchId: `${made.id}/reopen-1/members/0-1`,
    });
    const { element, root } = await editing(adapter, made.id);
    expect(text(root.querySelector('#resume-note'))).to.contain('1 of 4 contacts are in');
    const saved = oneEvent(element, 'segment-saved');
    (getByRole(root, 'button', { name: 'Keep the old contacts' }) as HTMLButtonElement).click();
    const { segment } = (await saved).detail as { segment: Segment };
    expect(segment.memberCount).to.equal(10);
    expect(segment.status).to.equal(undefined);
    await element.updateComplete;
    expect(statusSaying(root, /dropped/)).to.equal(
      'The new file was dropped: "Regulars" keeps its 10 contacts.',
    );
  });

  it('speaks Hindi', async () => {
    const adapter = await seededStore();
    const made = await regulars(adapter);
    const { element, root } = await editing(adapter, made.id, 'hi');
    await translationLoaded('hi'); // Hindi loads the first time an element is in Hindi
    await element.updateComplete;
    getByRole(root, 'radio', { name: 'फ़ाइल से संपर्क जोड़ें' });
    getByRole(root, 'radio', { name: 'सभी संपर्क बदलें' });
    getByRole(root, 'group', { name: 'संपर्क' });
  });
});
