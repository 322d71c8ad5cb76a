import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../components/segment-form/segment-form.ts';
import type { SegmentForm } from '../../components/segment-form/segment-form.component.ts';
import {
  SegmentError,
  type FilterGroup,
  type ListSegmentsQuery,
  type SegmentAdapter,
} from '../../src/core.ts';
import { getAllByRole, getByRole, queryByRole } from '../helpers/queries.ts';
import { removeStores } from '../helpers/local-stores.ts';
import { buyersFile, seededStore, withOverrides } from '../helpers/segment-fixtures.ts';
import { CsvMapperHarness } from '../helpers/csv-mapper-harness.ts';
import type { CsvMapper } from '../../components/csv-mapper/csv-mapper.component.ts';

const PUNE: FilterGroup = {
  combinator: 'and',
  rules: [{ field: 'city', operator: 'equals', value: 'Pune' }],
};

/** The form as a seller sees it. */
class FormPage {
  constructor(readonly element: SegmentForm) {}
  get root() {
    return this.element.shadowRoot!;
  }
  name() {
    return getByRole(this.root, 'textbox', { name: 'Name' }) as HTMLInputElement;
  }
  async typeName(text: string) {
    const input = this.name();
    input.value = text;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await this.element.updateComplete;
  }
  nameError() {
    return this.root.querySelector('#name-error')?.textContent?.trim() ?? '';
  }
  alerts() {
    return getAllByRole(this.root, 'alert').map((a) => a.textContent!.replace(/\s+/g, ' ').trim());
  }
  button(name: string | RegExp) {
    return getByRole(this.root, 'button', { name }) as HTMLButtonElement;
  }
  radio(name: 'CSV' | 'Filter') {
    return getByRole(this.root, 'radio', { name }) as HTMLInputElement;
  }
  builder() {
    return this.root.querySelector('filter-builder') as HTMLElement & { value: FilterGroup };
  }
  /** Sets the rules as the seller would have built them, through the editor's contract. */
  async setFilter(filter: FilterGroup) {
    const builder = this.builder();
    builder.value = filter;
    builder.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await (builder as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    await this.element.updateComplete;
  }
  /** Submit, or Save when editing. */
  async submit() {
    this.button(/^(Submit|Save)$/).click();
    await this.element.updateComplete;
  }
}

async function formOn(adapter: SegmentAdapter, segmentId = '', type = 'filter') {
  const element = await fixture<SegmentForm>(
    html`<segment-form
      .adapter=${adapter}
      segment-id=${segmentId}
      default-type=${type}
      batch-size="10"
    ></segment-form>`,
  );
  const page = new FormPage(element);
  if (segmentId) await waitUntil(() => page.root.querySelector('#name'), 'never loaded');
  return page;
}

afterEach(removeStores);

describe('<segment-form>', () => {
  it('names its messages on the field and drops them as soon as the name is fixed', async () => {
    const adapter = await seededStore();
    const page = await formOn(adapter);
    await page.setFilter(PUNE);
    await page.submit();
    expect(page.nameError()).to.equal('Enter a name for the segment.');
    expect(page.name().getAttribute('aria-invalid')).to.equal('true');
    expect(page.root.activeElement).to.equal(page.name());
    await page.typeName('x'.repeat(101));
    expect(page.nameError()).to.equal('Use at most 100 characters (now 101).');
    await page.typeName('x'.repeat(100));
    expect(page.nameError()).to.equal('');
    expect(page.name().getAttribute('aria-invalid')).to.equal('false');
  });

  it('says a name is taken while typing (trimmed, any case), and not once it is changed', async () => {
    const adapter = await seededStore();
    await adapter.createSegment({ name: 'Diwali Buyers', type: 'filter', filter: PUNE });
    const page = await formOn(adapter);
    await page.typeName('  diwali buyers ');
    await waitUntil(() => page.nameError() !== '', 'the taken name was never reported');
    expect(page.nameError()).to.equal(
      'A segment with this name already exists. Choose another name.',
    );
    await page.typeName('diwali buyers 2026');
    expect(page.nameError()).to.equal('');
  });

  it('editing, the segment’s own unchanged name is not taken; another segment’s is', async () => {
    const adapter = await seededStore();
    const own = await adapter.createSegment({ name: 'Pune', type: 'filter', filter: PUNE });
    await adapter.createSegment({ name: 'Goa', type: 'filter', filter: PUNE });
    const checked: string[] = [];
    const watched = withOverrides(adapter, {
      listSegments: ((query: ListSegmentsQuery, options?: never) =>
        adapter.listSegments(query, options).then((page) => {
          if (query.search) checked.push(query.search);
          return page;
        })) as never,
    });
    const page = await formOn(watched, own.id);
    await waitUntil(() => checked.includes('pune'), 'the name was never checked', {
      timeout: 5000,
    });
    await page.element.updateComplete;
    expect(page.nameError()).to.equal('');
    expect(page.name().getAttribute('aria-invalid')).to.equal('false');
    // The same name typed again, in another case and with spaces, is still its own.
    await page.typeName(' PUNE ');
    await new Promise((resolve) => setTimeout(resolve, 600));
    await page.element.updateComplete;
    expect(page.nameError()).to.equal('');
    // The check does run: another segment's name is reported.
    await page.typeName('goa');
    await waitUntil(() => page.nameError() !== '', 'the taken name was never reported');
    expect(page.nameError()).to.contain('already exists');
    await page.typeName('Pune');
    const saved = oneEvent(page.element, 'segment-saved');
    await page.submit();
    expect((await saved).detail.segment).to.include({ id: own.id, name: 'Pune', version: 2 });
  });

  it('a name of only spaces is not a name: it is refused with a message, nothing saved', async () => {
    const adapter = await seededStore();
    let created = 0;
    const counting = withOverrides(adapter, {
      createSegment: ((draft: never) => (created++, adapter.createSegment(draft))) as never,
    });
    const page = await formOn(counting);
    await page.typeName('   ');
    await page.setFilter(PUNE);
    await page.submit();
    expect(page.nameError()).to.equal('Enter a name for the segment.');
    expect(page.name().getAttribute('aria-invalid')).to.equal('true');
    expect(page.root.activeElement).to.equal(page.name());
    expect(created).to.equal(0);
  });

  it('switching Filter → CSV → Filter keeps the conditions already built', async () => {
    const adapter = await seededStore();
    const page = await formOn(adapter, '', 'filter');
    await page.typeName('Pune again');
    await page.setFilter(PUNE);
    page.radio('CSV').click();
    await page.element.updateComplete;
    expect(page.builder().hidden).to.equal(true);
    page.radio('Filter').click();
    await page.element.updateComplete;
    expect(page.radio('Filter').checked).to.equal(true);
    expect(page.builder().hidden).to.equal(false);
    expect(page.builder().value).to.deep.equal(PUNE);
    const shown = getByRole(page.builder().shadowRoot!, 'textbox', { name: 'Value' });
    expect((shown as HTMLInputElement).value).to.equal('Pune');
    const saved = oneEvent(page.element, 'segment-saved');
    await page.submit();
    expect((await saved).detail.segment.filter).to.deep.equal(PUNE);
  });

  it('a Filter segment is created with the rules and announced with segment-saved', async () => {
    const adapter = await seededStore();
    const page = await formOn(adapter);
    await page.typeName('Pune');
    await page.setFilter(PUNE);
    const saved = oneEvent(page.element, 'segment-saved');
    await page.submit();
    const { segment } = (await saved).detail;
    expect(segment).to.include({ name: 'Pune', type: 'filter', version: 1 });
    expect(segment.filter).to.deep.equal(PUNE);
    expect((await adapter.getSegment(segment.id)).filter).to.deep.equal(PUNE);
  });

  it('an empty filter is not submitted; the message goes once a condition is there', async () => {
    const adapter = await seededStore();
    let created = 0;
    const counting = withOverrides(adapter, {
      createSegment: ((draft: never) => (created++, adapter.createSegment(draft))) as never,
    });
    const page = await formOn(counting);
    await page.typeName('Nothing yet');
    await page.submit();
    expect(created).to.equal(0);
    expect(page.root.querySelector('#part-error')?.textContent).to.match(/condition/i);
    await page.setFilter(PUNE);
    expect(page.root.querySelector('#part-error')).to.equal(null);
  });

  it('an adapter error keeps everything typed; the message goes when the seller edits', async () => {
    const adapter = await seededStore();
    const flaky = withOverrides(adapter, {
      createSegment: (() => Promise.reject(new SegmentError('unavailable', 'offline'))) as never,
    });
    const page = await formOn(flaky);
    await page.typeName('Offline attempt');
    await page.setFilter(PUNE);
    await page.submit();
    await waitUntil(() => page.alerts().length, 'no message');
    expect(page.alerts()[0]).to.contain('could not be reached');
    expect(page.name().value).to.equal('Offline attempt');
    expect(page.builder().value).to.deep.equal(PUNE);
    expect(page.button('Submit').disabled).to.equal(false);
    await page.typeName('Offline attempt 2');
    expect(page.alerts()).to.deep.equal([]);
  });

  it('a name taken at the last moment is reported on the Name field, nothing lost', async () => {
    const adapter = await seededStore();
    const racing = withOverrides(adapter, {
      createSegment: (() => Promise.reject(new SegmentError('name-taken', 'taken'))) as never,
    });
    const page = await formOn(racing);
    await page.typeName('Festive');
    await page.setFilter(PUNE);
    await page.submit();
    await waitUntil(() => page.nameError(), 'no name error');
    expect(page.nameError()).to.contain('already exists');
    expect(page.builder().value).to.deep.equal(PUNE);
    await page.typeName('Festive 2');
    expect(page.nameError()).to.equal('');
  });

  it('editing loads the segment, fixes its type and saves with its version', async () => {
    const adapter = await seededStore();
    const original = await adapter.createSegment({ name: 'Pune', type: 'filter', filter: PUNE });
    const page = await formOn(adapter, original.id);
    expect(getByRole(page.root, 'heading', { name: 'Edit segment' }).localName).to.equal('h2');
    expect(page.name().value).to.equal('Pune');
    expect(page.radio('Filter').checked).to.equal(true);
    expect(page.radio('CSV').matches(':disabled')).to.equal(true);
    expect(page.builder().value).to.deep.equal(PUNE);
    // Editing saves: the button says so (a new segment's says Submit).
    expect(queryByRole(page.root, 'button', { name: 'Submit' })).to.equal(null);
    expect(page.button('Save').type).to.equal('submit');
    await page.typeName('Pune shoppers');
    const saved = oneEvent(page.element, 'segment-saved');
    await page.submit();
    expect((await saved).detail.segment).to.include({ name: 'Pune shoppers', version: 2 });
  });

  it('a conflict offers Keep mine (saves over theirs) and Reload theirs (shows theirs)', async () => {
    const adapter = await seededStore();
    const original = await adapter.createSegment({ name: 'Pune', type: 'filter', filter: PUNE });
    const page = await formOn(adapter, original.id);
    // Someone else saves meanwhile.
    await adapter.updateSegment(
      original.id,
      { name: 'Pune (theirs)', type: 'filter', filter: PUNE },
      { expectedVersion: 1 },
    );
    await page.typeName('Pune (mine)');
    await page.submit();
    await waitUntil(() => page.alerts().length, 'no conflict shown');
    expect(page.alerts()[0]).to.contain('Someone else changed this segment');
    expect(page.name().value).to.equal('Pune (mine)');
    const saved = oneEvent(page.element, 'segment-saved');
    page.button('Keep mine').click();
    expect((await saved).detail.segment).to.include({ name: 'Pune (mine)', version: 3 });

    await adapter.updateSegment(
      original.id,
      { name: 'Pune (theirs again)', type: 'filter', filter: PUNE },
      { expectedVersion: 3 },
    );
    await page.typeName('Pune (mine again)');
    await page.submit();
    await waitUntil(() => queryByRole(page.root, 'button', { name: 'Reload theirs' }));
    page.button('Reload theirs').click();
    await waitUntil(() => page.name().value === 'Pune (theirs again)', 'theirs not shown');
    expect(page.alerts()).to.deep.equal([]);
    const resaved = oneEvent(page.element, 'segment-saved');
    await page.submit();
    expect((await resaved).detail.segment.version).to.equal(5);
  });

  it('a read-only segment is shown without Submit, its rules read-only', async () => {
    const adapter = await seededStore();
    const page = await formOn(adapter, 'top-10-spenders');
    expect(page.root.textContent).to.contain('This segment cannot be changed.');
    expect(queryByRole(page.root, 'button', { name: 'Submit' })).to.equal(null);
    expect(page.builder().hasAttribute('readonly')).to.equal(true);
    const cancelled = oneEvent(page.element, 'segment-cancel');
    page.button('Cancel').click();
    await cancelled;
  });

  describe('a CSV segment', () => {
    const csv = buyersFile;

    it('is created with its accepted contacts, sent in batches under a progress bar', async () => {
      const adapter = await seededStore();
      const batches: string[] = [];
      const progress: string[] = [];
      const seen: { page?: FormPage } = {};
      const watching = withOverrides(adapter, {
        addMembers: (async (id: string, batch: never[], o: { batchId: string }) => {
          batches.push(o.batchId);
          await seen.page!.element.updateComplete;
          const bar = getByRole(seen.page!.root, 'progressbar', { name: 'Adding contacts' });
          progress.push(
            `${(bar as HTMLProgressElement).value}/${(bar as HTMLProgressElement).max}`,
          );
          return adapter.addMembers(id, batch, o);
        }) as never,
      });
      const page = await formOn(watching, '', 'csv');
      seen.page = page;
      await page.typeName('Buyers');
      const mapper = new CsvMapperHarness(page.root.querySelector<CsvMapper>('csv-mapper')!);
      await mapper.chooseFile(csv());
      await mapper.waitForResult();
      const saved = oneEvent(page.element, 'segment-saved');
      await page.submit();
      const { segment } = (await saved).detail;
      expect(segment).to.include({ name: 'Buyers', type: 'csv', memberCount: 25 });
      expect(segment.csv).to.include({ fileName: 'buyers.csv', accepted: 25, rejected: 1 });
      expect(batches).to.deep.equal([
        `${segment.id}/members/0-10`,
        `${segment.id}/members/10-20`,
        `${segment.id}/members/20-25`,
      ]);
      expect(progress).to.deep.equal(['0/25', '10/25', '20/25']);
    });

    it('a failed upload removes the half-made segment, says so, and keeps the file and name', async () => {
      const adapter = await seededStore();
      let calls = 0;
      const failing = withOverrides(adapter, {
        addMembers: ((id: string, batch: never[], o: { batchId: string }) =>
          ++calls === 1
            ? adapter.addMembers(id, batch, o)
            : Promise.reject(new SegmentError('invalid', 'refused'))) as never,
      });
      const page = await formOn(failing, '', 'csv');
      await page.typeName('Buyers');
      const mapperElement = page.root.querySelector<CsvMapper>('csv-mapper')!;
      const mapper = new CsvMapperHarness(mapperElement);
      await mapper.chooseFile(csv());
      await mapper.waitForResult();
      await page.submit();
      await waitUntil(() => page.alerts().length, 'no message', { timeout: 10_000 });
      expect(page.alerts()[0]).to.contain(
        'only 10 of 25 contacts could be added, so it was removed',
      );
      const { items } = await adapter.listSegments({ scope: 'store', search: 'Buyers' });
      expect(items).to.deep.equal([]);
      expect(page.name().value).to.equal('Buyers');
      expect(mapperElement.value).to.include({ fileName: 'buyers.csv', accepted: 25 });
    });
  });
});
