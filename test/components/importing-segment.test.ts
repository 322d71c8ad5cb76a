import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../components/segment-list/segment-list.ts';
import '../../components/segment-form/segment-form.ts';
import type { SegmentList } from '../../components/segment-list/segment-list.component.ts';
import type { SegmentForm } from '../../components/segment-form/segment-form.component.ts';
import type { CsvMapper } from '../../components/csv-mapper/csv-mapper.component.ts';
import type { Segment } from '../../src/core.ts';
import type { LocalAdapter } from '../../src/adapters/local/index.ts';
import { removeStores } from '../helpers/local-stores.ts';
import { seededStore } from '../helpers/segment-fixtures.ts';
import { SegmentListHarness } from '../helpers/segment-list-harness.ts';
import { CsvMapperHarness } from '../helpers/csv-mapper-harness.ts';
import { getAllByRole, getByRole } from '../helpers/queries.ts';

afterEach(removeStores);

/** 25 contacts, one per line, and a broken row; the same file on every call. */
const guestFile = () =>
  new File(
    [
      'name,phone,email\n' +
        Array.from(
          { length: 25 },
          (_, i) => `Guest ${i},98765${String(43200 + i)},guest${i}@example.in`,
        ).join('\n') +
        '\nBroken,123,not-an-email\n',
    ],
    'guests.csv',
    { type: 'text/csv' },
  );

const summary = (accepted: number) => ({
  fileName: 'guests.csv',
  phoneColumn: 'phone',
  emailColumn: 'email',
  accepted,
  rejected: 1,
  duplicates: 0,
});

/** A segment whose upload stopped after `sent` of the file's 25 contacts, as a closed tab leaves it. */
async function halfUploaded(adapter: LocalAdapter, sent: number): Promise<Segment> {
  const segment = await adapter.createSegment({
    name: 'Wedding guests',
    type: 'csv',
    csv: summary(25),
  });
  const contacts = Array.from({ length: sent }, (_, i) => ({
    phone: `+9198765${String(43200 + i)}`,
    email: `guest${i}@example.in`,
  }));
  // Batches as saveCsvSegment numbers them, so a resume recognises them.
  for (let start = 0; start < sent; start += 10) {
    const end = Math.min(start + 10, sent);
    await adapter.addMembers(segment.id, contacts.slice(start, end), {
      batchId: `${segment.id}/members/${start}-${end}`,
    });
  }
  return adapter.getSegment(segment.id);
}

/**
 * A ready segment of 3 old contacts that took guests.csv (`mode`) and stopped after its first
 * batch of 10, as a closed tab leaves it.
 */
async function reopenedHalfway(adapter: LocalAdapter, mode: 'add' | 'replace'): Promise<Segment> {
  const made = await adapter.createSegment({
    name: 'Wedding guests',
    type: 'csv',
    csv: { ...summary(3), fileName: 'old guests.csv' },
  });
  const old = Array.from({ length: 3 }, (_, i) => ({ email: `old${i}@example.in` }));
  await adapter.addMembers(made.id, old, { batchId: `${made.id}/members/0-3` });
  const ready = await adapter.finishImport(made.id);
  await adapter.reopenImport(made.id, { mode, csv: summary(25), expectedVersion: ready.version });
  const first = Array.from({ length: 10 }, (_, i) => ({
    phone: `+9198765${String(43200 + i)}`,
    email: `guest${i}@example.in`,
  }));
  await adapter.addMembers(made.id, first, { batchId: `${made.id}/reopen-1/members/0-10` });
  return adapter.getSegment(made.id);
}

describe('a CSV segment whose upload has not finished', () => {
  it('is listed as importing with its true progress, with Resume and Delete only', async () => {
    const adapter = await seededStore();
    const half = await halfUploaded(adapter, 20);
    const list = new SegmentListHarness(
      await fixture<SegmentList>(html`<segment-list .adapter=${adapter}></segment-list>`),
    );
    const row = await list.waitForRow('Wedding guests');
    expect(row.users).to.equal('Importing · 20 of 25');
    list.menuButton('Wedding guests').click();
    await list.element.updateComplete;
    expect(list.menuItems()).to.deep.equal(['Resume', 'Delete']);
    list.menuButton('Wedding guests').click();
    await list.element.updateComplete;

    const resumed = oneEvent(list.element, 'segment-resume');
    await list.choose('Wedding guests', 'Resume');
    expect((await resumed).detail.segment.id).to.equal(half.id);

    await list.choose('Wedding guests', 'Delete');
    await list.confirmDelete();
    await list.waitFor(() => !list.names().includes('Wedding guests'), 'still listed');
  });

  it('a file replacing a ready segment’s contacts, stopped: listed as importing, Keep the old contacts goes back', async () => {
    const adapter = await seededStore();
    const old = await reopenedHalfway(adapter, 'replace');
    const list = new SegmentListHarness(
      await fixture<SegmentList>(html`<segment-list .adapter=${adapter}></segment-list>`),
    );
    expect((await list.waitForRow('Wedding guests')).users).to.equal('Replacing · 10 of 25');
    list.menuButton('Wedding guests').click();
    await list.element.updateComplete;
    expect(list.menuItems()).to.deep.equal(['Resume', 'Keep the old contacts', 'Delete']);
    list.menuButton('Wedding guests').click();
    await list.element.updateComplete;
    await list.choose('Wedding guests', 'Keep the old contacts');
    await list.waitFor(() => list.row('Wedding guests').users === '3', 'never back to 3 users');
    expect(list.root.querySelector('[role=status][aria-live]')!.textContent).to.equal(
      'The new file was dropped: "Wedding guests" keeps its 3 contacts.',
    );
    const back = await adapter.getSegment(old.id);
    expect(back.csv?.fileName).to.equal('old guests.csv');
  });

  it('a file adding to a ready segment’s contacts, stopped: listed as adding, and selected it says what is in', async () => {
    const adapter = await seededStore();
    const added = await reopenedHalfway(adapter, 'add');
    const list = new SegmentListHarness(
      await fixture<SegmentList>(
        html`<segment-list .adapter=${adapter} selected-id=${added.id}></segment-list>`,
      ),
    );
    expect((await list.waitForRow('Wedding guests')).users).to.equal('Adding · 10 of 25');
    expect(list.root.querySelector('[part~="status"]')!.textContent!.trim()).to.equal(
      'Wedding guests: 10 of 25 contacts of the new file are in. Resume the upload, or keep the old contacts.',
    );
  });

  it('a stopped replace is resumed by the form with the same file: exactly the new contacts', async () => {
    const adapter = await seededStore();
    const old = await reopenedHalfway(adapter, 'replace');
    const form = await fixture<SegmentForm>(
      html`<segment-form .adapter=${adapter} segment-id=${old.id} batch-size="10"></segment-form>`,
    );
    const root = form.shadowRoot!;
    await waitUntil(() => root.querySelector('csv-mapper'), 'the form never offered the file');
    const mapper = new CsvMapperHarness(root.querySelector<CsvMapper>('csv-mapper')!);
    await mapper.chooseFile(guestFile());
    await mapper.waitForResult();
    const saved = oneEvent(form, 'segment-saved');
    (getByRole(root, 'button', { name: 'Resume upload' }) as HTMLButtonElement).click();
    const { segment } = (await saved).detail;
    expect(segment.memberCount).to.equal(25);
    const members = await adapter.listMembers(old.id, { limit: 100 });
    expect(members.items.map((c) => c.email)).to.deep.equal(
      Array.from({ length: 25 }, (_, i) => `guest${i}@example.in`),
    );
  });

  it('is resumed by the form with the same file: the rest is added, nobody twice', async () => {
    const adapter = await seededStore();
    const half = await halfUploaded(adapter, 20);
    const form = await fixture<SegmentForm>(
      html`<segment-form .adapter=${adapter} segment-id=${half.id} batch-size="10"></segment-form>`,
    );
    const root = form.shadowRoot!;
    await waitUntil(() => root.querySelector('csv-mapper'), 'the form never offered the file');
    expect(getByRole(root, 'heading', { name: 'Resume upload' }).tagName).to.equal('H2');
    expect(root.querySelector('#resume-note')!.textContent!.replace(/\s+/g, ' ')).to.contain(
      '"Wedding guests" is still importing: 20 of 25 contacts are in. Choose the same file (guests.csv)',
    );
    const mapper = new CsvMapperHarness(root.querySelector<CsvMapper>('csv-mapper')!);
    await mapper.chooseFile(guestFile());
    await mapper.waitForResult();
    const saved = oneEvent(form, 'segment-saved');
    (getByRole(root, 'button', { name: 'Resume upload' }) as HTMLButtonElement).click();
    const { segment } = (await saved).detail;
    expect(segment.id).to.equal(half.id);
    expect(segment.status).to.equal(undefined);
    expect(segment.memberCount).to.equal(25);
    const members = await adapter.listMembers(half.id, { limit: 100 });
    const emails = members.items.map((c) => c.email);
    expect(emails).to.deep.equal(Array.from({ length: 25 }, (_, i) => `guest${i}@example.in`));
  });

  it('refuses another file when resuming, and says which file it needs', async () => {
    const adapter = await seededStore();
    const half = await halfUploaded(adapter, 10);
    const form = await fixture<SegmentForm>(
      html`<segment-form .adapter=${adapter} segment-id=${half.id} batch-size="10"></segment-form>`,
    );
    const root = form.shadowRoot!;
    await waitUntil(() => root.querySelector('csv-mapper'), 'the form never offered the file');
    const mapper = new CsvMapperHarness(root.querySelector<CsvMapper>('csv-mapper')!);
    await mapper.chooseFile(
      new File(['phone,email\n9876543299,other@example.in\n'], 'other.csv', { type: 'text/csv' }),
    );
    await mapper.waitForResult();
    (getByRole(root, 'button', { name: 'Resume upload' }) as HTMLButtonElement).click();
    await waitUntil(() => getAllByRole(root, 'alert').length, 'no message', { timeout: 10_000 });
    const text = getAllByRole(root, 'alert')[0]!.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('guests.csv');
    expect((await adapter.getSegment(half.id)).progress).to.deep.equal({
      received: 10,
      expected: 25,
    });
  });

  it('a new upload kept when it stopped is resumed by Submit, never created twice (no name-taken)', async () => {
    const adapter = await seededStore();
    let failing = true;
    const flaky = new Proxy(adapter, {
      get(target, property) {
        const value = Reflect.get(target, property, target) as unknown;
        if (failing && (property === 'deleteSegment' || property === 'finishImport')) {
          return () => Promise.reject(new DOMException('offline', 'NetworkError'));
        }
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const form = await fixture<SegmentForm>(
      html`<segment-form .adapter=${flaky} default-type="csv" batch-size="10"></segment-form>`,
    );
    const root = form.shadowRoot!;
    const name = getByRole(root, 'textbox', { name: 'Name' }) as HTMLInputElement;
    name.value = 'Wedding guests';
    name.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    const mapper = new CsvMapperHarness(root.querySelector<CsvMapper>('csv-mapper')!);
    await mapper.chooseFile(guestFile());
    await mapper.waitForResult();
    (getByRole(root, 'button', { name: 'Submit' }) as HTMLButtonElement).click();
    await waitUntil(() => getAllByRole(root, 'alert').length, 'no message', { timeout: 10_000 });
    expect(getAllByRole(root, 'alert')[0]!.textContent).to.contain('Resume upload');

    failing = false;
    const saved = oneEvent(form, 'segment-saved');
    (getByRole(root, 'button', { name: 'Resume upload' }) as HTMLButtonElement).click();
    const { segment } = (await saved).detail;
    expect(segment.memberCount).to.equal(25);
    const named = (await adapter.listSegments({ scope: 'store' })).items.filter(
      (s) => s.name === 'Wedding guests',
    );
    expect(named.map((s) => s.id)).to.deep.equal([segment.id]);
  });
});
