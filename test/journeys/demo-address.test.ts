/**
 * The demo's address picks its adapter; an address it cannot use gets a page that says what is
 * missing and links to the default demo, in the seller's language, never a blank page.
 */
import { expect } from '@open-wc/testing';
import { bootDemo } from '../../demo/boot.ts';
import type { SegmentAdapter } from '../../src/core.ts';
import { getByRole } from '../helpers/queries.ts';

const neverLocal = (): SegmentAdapter => {
  throw new Error('the LocalAdapter was opened');
};

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  root.remove();
  localStorage.removeItem('user-segments-demo:prefs');
  document.documentElement.lang = 'en';
});

describe('the demo address', () => {
  for (const [search, missing] of [
    ['?adapter=rest', 'Add the backend address: ?adapter=rest&api='],
    ['?adapter=cached&api=not%20a%20url', 'Add the backend address: ?adapter=cached&api='],
    ['?adapter=graphql', 'Unknown adapter "graphql"'],
  ] as const) {
    it(`${search}: says what is wrong and links to the default demo`, async () => {
      const { ready, choice } = bootDemo(root, {
        search,
        openLocal: neverLocal,
        prepareLocal: async () => undefined,
      });
      await ready;
      expect(choice).to.equal(undefined);
      expect(getByRole(root, 'heading').textContent).to.equal('This demo address is not complete');
      expect(getByRole(root, 'alert').textContent).to.contain(missing);
      const link = getByRole(root, 'link', { name: 'Open the demo on this browser’s own store' });
      expect(new URL((link as HTMLAnchorElement).href).search).to.equal('');
    });
  }

  it('speaks the language the seller chose', async () => {
    localStorage.setItem('user-segments-demo:prefs', JSON.stringify({ lang: 'hi', dark: false }));
    await bootDemo(root, {
      search: '?adapter=rest',
      openLocal: neverLocal,
      prepareLocal: async () => undefined,
    }).ready;
    expect(document.documentElement.lang).to.equal('hi');
    expect(getByRole(root, 'heading').textContent).to.equal('डेमो का यह पता अधूरा है');
  });
});
