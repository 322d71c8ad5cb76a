/**
 * The element entries, as a host imports them: `user-segments/elements/<tag>` hands over the
 * class and registers nothing; `user-segments/define/<tag>` registers that tag (and the tags it
 * renders) and nothing else. The paths come from the same table as package.json's `exports`
 * and the library build (scripts/entries.ts). Tests run in this order in one page: what an
 * earlier import registered stays registered.
 */
import { expect } from '@open-wc/testing';
import { ELEMENT_TAGS, ENTRIES } from '../../scripts/entries.ts';

const definedTags = () => ELEMENT_TAGS.filter((tag) => customElements.get(tag) !== undefined);
const load = (entry: string) => import(/* @vite-ignore */ `../../${ENTRIES[entry]}`);

describe('package entries for elements', () => {
  it('importing every user-segments/elements/<tag> defines no tag and gives each class', async () => {
    for (const tag of ELEMENT_TAGS) {
      const module = (await load(`elements/${tag}`)) as Record<string, unknown>;
      const classes = Object.values(module).filter(
        (value) => typeof value === 'function' && value.prototype instanceof HTMLElement,
      );
      expect(classes, `elements/${tag} exports its element class`).to.have.length(1);
    }
    expect(definedTags()).to.deep.equal([]);
  });

  it('a host registers an element class under a tag of its own', async () => {
    const { SegmentList } = await load('elements/segment-list');
    customElements.define('shop-segment-list', SegmentList);
    expect(document.createElement('shop-segment-list')).to.be.instanceOf(SegmentList);
    expect(definedTags()).to.deep.equal([]);
  });

  it('user-segments/define/csv-mapper registers <csv-mapper> alone', async () => {
    await load('define/csv-mapper');
    expect(definedTags()).to.deep.equal(['csv-mapper']);
  });

  it('user-segments/define/filter-builder registers <filter-builder> too', async () => {
    await load('define/filter-builder');
    expect(definedTags()).to.deep.equal(['csv-mapper', 'filter-builder']);
  });

  it('user-segments/define/user-segments registers the page and the list it shows first, not the form', async () => {
    // The list's class is already registered by the host above, as <shop-segment-list>.
    await load('define/user-segments');
    expect(definedTags()).to.deep.equal([
      'csv-mapper',
      'filter-builder',
      'segment-list',
      'user-segments',
    ]);
    const { SegmentList } = await load('elements/segment-list');
    expect(document.createElement('segment-list')).to.be.instanceOf(SegmentList);
  });

  it('user-segments/define/segment-form registers the form, and its class is the element class', async () => {
    const { SegmentForm } = await load('elements/segment-form');
    await load('define/segment-form');
    expect(definedTags()).to.deep.equal(
      ELEMENT_TAGS.filter((tag) => tag !== 'segment-members' && tag !== 'segment-picker'),
    );
    expect(customElements.get('segment-form')).to.equal(SegmentForm);
  });

  it('user-segments/define/segment-members registers the members view and the rule it shows', async () => {
    const { SegmentMembers } = await load('elements/segment-members');
    await load('define/segment-members');
    expect(definedTags()).to.deep.equal(ELEMENT_TAGS.filter((tag) => tag !== 'segment-picker'));
    expect(customElements.get('segment-members')).to.equal(SegmentMembers);
  });

  it('user-segments/define/segment-picker registers the picker alone', async () => {
    const { SegmentPicker } = await load('elements/segment-picker');
    await load('define/segment-picker');
    expect(definedTags()).to.deep.equal(ELEMENT_TAGS);
    expect(customElements.get('segment-picker')).to.equal(SegmentPicker);
  });
});
