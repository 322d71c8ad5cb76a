/**
 * What a seller reads in their page's language: predefined segments named in it (by their
 * stable ids; a copy keeps the name it was given), dates in the filter's summary written as that
 * language writes them, and no sentence about a condition that is not complete yet.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.ts';
import type { SegmentList } from '../../components/segment-list/segment-list.component.ts';
import type { FilterBuilder } from '../../components/filter-builder/filter-builder.component.ts';
import { PREDEFINED_SEGMENTS } from '../../src/core.ts';
import { hi } from '../../components/shared/translations/hi.ts';
import { removeStores } from '../helpers/local-stores.ts';
import { seededStore } from '../helpers/segment-fixtures.ts';
import { SegmentListHarness } from '../helpers/segment-list-harness.ts';
import { FilterBuilderHarness } from '../helpers/filter-builder-harness.ts';
import { getByRole } from '../helpers/queries.ts';

afterEach(removeStores);

describe('the page language', () => {
  it('names the predefined segments in Hindi; a renamed copy keeps its name', async () => {
    const adapter = await seededStore();
    const copy = await adapter.duplicateSegment('top-10-spenders', { name: 'मेरे टॉप 10' });
    const element = await fixture<SegmentList>(
      html`<segment-list lang="hi" .adapter=${adapter}></segment-list>`,
    );
    const list = new SegmentListHarness(element);
    const hindi = hi.predefinedSegments as Record<string, string>;
    await list.waitFor(() => list.names().includes(hindi['top-10-spenders']), 'no Hindi names');
    expect(list.names().slice(0, 5)).to.deep.equal(PREDEFINED_SEGMENTS.map((p) => hindi[p.id]));
    expect(list.names()).to.include(copy.name);

    element.lang = 'en';
    await list.waitFor(() => list.names().includes('First Time Customers'), 'no English names');
    expect(list.names().slice(0, 5)).to.deep.equal(PREDEFINED_SEGMENTS.map((p) => p.name));
    expect(list.names()).to.include('मेरे टॉप 10');
  });

  it('writes the dates of the summary in the page language, never as 2024-01-01', async () => {
    for (const lang of ['hi', 'en']) {
      const element = await fixture<FilterBuilder>(
        html`<filter-builder
          lang=${lang}
          .value=${{
            combinator: 'and',
            rules: [{ field: 'createdOn', operator: 'after', value: '2024-01-01' }],
          }}
        ></filter-builder>`,
      );
      const summary = new FilterBuilderHarness(element).summary();
      expect(summary, lang).to.contain('2024');
      expect(summary, lang).not.to.contain('2024-01-01');
    }
  });

  it('says nothing about a condition until it is complete', async () => {
    const element = await fixture<FilterBuilder>(html`<filter-builder></filter-builder>`);
    const b = new FilterBuilderHarness(element);
    await b.click('Add filter');
    expect(b.summary()).to.equal('Complete a condition to read the filter in words.');
    await b.type(b.condition(1), 'asha@example.in');
    await waitUntil(() => b.summary().includes('asha@example.in'), b.summary());
    await b.click('Add filter');
    expect(b.summary()).to.contain('asha@example.in');
    expect(b.summary()).not.to.match(/and Email is$/);
  });

  it('finds predefined segments by their Hindi names when searching in Hindi', async () => {
    const adapter = await seededStore();
    const element = await fixture<SegmentList>(
      html`<segment-list lang="hi" .adapter=${adapter}></segment-list>`,
    );
    const list = new SegmentListHarness(element);
    const hindi = hi.predefinedSegments;
    await list.waitFor(() => list.names().includes(hindi['top-10-spenders']), 'no Hindi names');
    const search = getByRole(element.shadowRoot!, 'textbox', {
      name: hi.segmentList.search,
    }) as HTMLInputElement;
    const searchFor = async (text: string) => {
      search.focus();
      search.select();
      await sendKeys({ type: text });
    };

    // "ख़र्च" typed with the one-character ख़ (U+0959); the names spell it ख + nukta.
    await searchFor('\u0959र्च');
    await list.waitFor(() => list.names().length === 3, `searching ख़र्च: ${list.names()}`);
    expect(list.names()).to.deep.equal([
      'सबसे ज़्यादा ख़र्च करने वाले 10 ग्राहक',
      'सबसे ज़्यादा ख़र्च करने वाले 50 ग्राहक',
      'सबसे ज़्यादा ख़र्च करने वाले 100 ग्राहक',
    ]);
    await searchFor('पहली बार');
    await list.waitFor(
      () => list.names().join() === 'पहली बार ख़रीदने वाले ग्राहक',
      `searching पहली बार: ${list.names()}`,
    );
    // The count column is the segment's own, as in the unsearched list.
    expect(list.row('पहली बार ख़रीदने वाले ग्राहक').users).to.match(/^\d[\d,]*$/);
    await searchFor('कोई नहीं मिलेगा');
    await list.waitFor(() => list.names().length === 0, `nothing should match: ${list.names()}`);
  });

  it('names a copy of a predefined segment in Hindi, numbered on; a renamed copy keeps its name', async () => {
    const adapter = await seededStore();
    const element = await fixture<SegmentList>(
      html`<segment-list lang="hi" .adapter=${adapter}></segment-list>`,
    );
    const list = new SegmentListHarness(element);
    const original = 'सबसे ज़्यादा ख़र्च करने वाले 10 ग्राहक';
    await list.waitFor(() => list.names().includes(original), 'no Hindi names');
    const duplicate = async () => {
      getByRole(element.shadowRoot!, 'button', { name: `${original} के लिए विकल्प` }).click();
      await element.updateComplete;
      const menu = getByRole(element.shadowRoot!, 'menu');
      getByRole(menu, 'menuitem', { name: hi.segmentList.duplicate }).click();
    };
    await duplicate();
    await list.waitForRow(`${original} (कॉपी)`);
    await duplicate();
    await list.waitForRow(`${original} (कॉपी 2)`);
    const copies = (await adapter.listSegments({ scope: 'store', search: 'कॉपी' })).items;
    expect(copies.map((c) => c.name).sort()).to.deep.equal([
      `${original} (कॉपी 2)`,
      `${original} (कॉपी)`,
    ]);

    // A copy is the seller's own segment: in English, and once renamed, it keeps its name.
    const first = copies.find((c) => c.name.endsWith('(कॉपी)'))!;
    await adapter.updateSegment(
      first.id,
      { name: 'दिवाली के ग्राहक', type: 'filter', filter: first.filter },
      { expectedVersion: first.version },
    );
    element.lang = 'en';
    await list.waitFor(() => list.names().includes('दिवाली के ग्राहक'), `${list.names()}`);
    expect(list.names()).to.include(`${original} (कॉपी 2)`);
    expect(list.names()).to.include('Top 10 High-Value Spenders');
  });

  it('in English, Duplicate names a copy as the adapter does', async () => {
    const adapter = await seededStore();
    const element = await fixture<SegmentList>(
      html`<segment-list lang="en" .adapter=${adapter}></segment-list>`,
    );
    const list = new SegmentListHarness(element);
    await list.waitForRow('Top 10 High-Value Spenders');
    await list.choose('Top 10 High-Value Spenders', 'Duplicate');
    await list.waitForRow('Top 10 High-Value Spenders (copy)');
    await list.choose('Top 10 High-Value Spenders', 'Duplicate');
    await list.waitForRow('Top 10 High-Value Spenders (copy 2)');
  });
});
