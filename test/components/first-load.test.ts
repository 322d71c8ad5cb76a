/**
 * What loads when, seen from the page: the browser's own list of fetched resources. This file
 * imports only what a host page imports (the page's registration, the LocalAdapter's entry, the
 * core), so anything else that shows up was loaded on demand. The tests run in order in one
 * page: each step builds on what the previous ones loaded.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/user-segments/user-segments.ts';
import { LocalAdapter } from '../../src/adapters/local/index.ts';
import {
  SegmentError,
  loadPhoneSupport,
  validateFilter,
  type FilterGroup,
} from '../../src/core.ts';
import { registerTranslation, translationLoaded } from '../../components/shared/localize.ts';
import { generateStore } from '../../src/testing/index.ts';
import { removeStores } from '../helpers/local-stores.ts';

// The browser keeps 250 resource entries by default; the test runner's modules alone come close.
performance.setResourceTimingBufferSize(100_000);

const fetched = (part: string) =>
  performance
    .getEntriesByType('resource')
    .some((entry) => new URL(entry.name).pathname.includes(part));

const LIBPHONENUMBER = '/node_modules/libphonenumber-js/';
const DEXIE = '/node_modules/dexie/';
const PAPAPARSE = '/node_modules/papaparse/';
const HINDI = '/translations/hi.ts';

/** A UK number: the built-in Indian rules cannot read it, only libphonenumber-js can. */
const LONDON = '+44 20 7946 0958';
const byPhone: FilterGroup = {
  combinator: 'and',
  rules: [{ field: 'phone', operator: 'equals', value: LONDON }],
};

describe('first load: what a page fetches, and when', () => {
  let adapter: LocalAdapter;
  after(removeStores);

  it('the page in English fetches no phone library, no Dexie, no papaparse, no Hindi', async () => {
    await fixture(html`<user-segments no-history></user-segments>`);
    for (const part of [LIBPHONENUMBER, DEXIE, PAPAPARSE, HINDI]) {
      expect(fetched(part), part).to.equal(false);
    }
  });

  it('making a LocalAdapter starts loading Dexie at once, before any call', async () => {
    adapter = new LocalAdapter({ storeId: `first-load-${crypto.randomUUID()}` });
    await waitUntil(() => fetched(DEXIE), 'Dexie was not requested when the adapter was made');
    expect(fetched(LIBPHONENUMBER)).to.equal(false);
  });

  it('listing and counting without a phone value load no phone library', async () => {
    const store = generateStore({ customers: 300, orders: 0, seed: 7 });
    store.customers[0]!.phone = '+442079460958';
    await adapter.importCustomers(store.customers);
    const page = await adapter.listSegments({ scope: 'store' });
    expect(page.items.map((s) => s.name)).to.include('First Time Customers');
    const indian = await adapter.countMembers({
      filter: {
        combinator: 'and',
        rules: [{ field: 'phone', operator: 'equals', value: '98765 43210' }],
      },
    });
    expect(indian.total).to.equal(300);
    expect(fetched(LIBPHONENUMBER)).to.equal(false);
  });

  it('before it has loaded, reading a foreign phone synchronously says to load it', () => {
    let error: unknown;
    try {
      validateFilter(byPhone);
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(SegmentError);
    expect((error as SegmentError).code).to.equal('unavailable');
    expect((error as SegmentError).message).to.contain('loadPhoneSupport()');
  });

  it('an adapter call with a foreign phone loads the library and answers right', async () => {
    const { count } = await adapter.countMembers({ filter: byPhone });
    expect(count).to.equal(1);
    expect(fetched(LIBPHONENUMBER)).to.equal(true);
    await loadPhoneSupport();
    expect(validateFilter(byPhone)).to.deep.equal([]);
  });

  it('Hindi loads the first time an element is in Hindi, under what the host registered', async () => {
    registerTranslation('hi', { segmentList: { addNew: 'नया सेगमेंट जोड़ें' } });
    const page = await fixture<HTMLElement>(
      html`<div lang="hi"><user-segments no-history .adapter=${adapter}></user-segments></div>`,
    );
    await translationLoaded('hi');
    expect(fetched(HINDI)).to.equal(true);
    const list = page
      .querySelector('user-segments')!
      .shadowRoot!.querySelector('segment-list')!.shadowRoot!;
    await waitUntil(() => list.textContent!.includes('नया सेगमेंट जोड़ें'), 'host override lost');
    // The shipped table filled in the rest: the tab names are Hindi too.
    const tabs = [...list.querySelectorAll('[role="tab"]')].map((t) => t.textContent!.trim());
    expect(tabs.join(' ')).not.to.contain('Segments');
  });
});
