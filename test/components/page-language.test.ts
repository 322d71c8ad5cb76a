/**
 * What a seller reads in their page's language: predefined segments named in it (by their
 * stable ids; a copy keeps the name it was given), dates in the filter's summary written as that
 * language writes them, and no sentence about a condition that is not complete yet.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/index.ts';
import type { SegmentList } from '../../components/segment-list/segment-list.component.ts';
import type { FilterBuilder } from '../../components/filter-builder/filter-builder.component.ts';
import { PREDEFINED_SEGMENTS } from '../../src/core.ts';
import { hi } from '../../components/shared/translations/hi.ts';
import { removeStores } from '../helpers/local-stores.ts';
import { seededStore } from '../helpers/segment-fixtures.ts';
import { SegmentListHarness } from '../helpers/segment-list-harness.ts';
import { FilterBuilderHarness } from '../helpers/filter-builder-harness.ts';

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
});
