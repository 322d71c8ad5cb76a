import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/user-segments/user-segments.ts';
import type { UserSegments } from '../../components/user-segments/user-segments.component.ts';
import type { SegmentAdapter } from '../../src/core.ts';
import { removeStores } from '../helpers/local-stores.ts';
import { seededStore } from '../helpers/segment-fixtures.ts';
import { UserSegmentsHarness } from '../helpers/user-segments-harness.ts';
import { getByRole } from '../helpers/queries.ts';

async function pageOn(adapter: SegmentAdapter, noHistory = false) {
  const element = await fixture<UserSegments>(
    html`<user-segments .adapter=${adapter} ?no-history=${noHistory}></user-segments>`,
  );
  const page = new UserSegmentsHarness(element);
  await page.list.waitForRow('First Time Customers');
  return page;
}

afterEach(async () => {
  history.replaceState(null, '');
  await removeStores();
});

describe('<user-segments>', () => {
  it('Add New opens the form; Submit returns to the list with the segment selected and counted', async () => {
    const adapter = await seededStore();
    const page = await pageOn(adapter);
    page.list.button('Add New').click();
    await page.waitForForm();
    expect(page.isListShown()).to.equal(false);
    await page.typeName('Kolkata');
    await page.chooseType('Filter');
    await page.addCondition('City', 'is', 'Kolkata');
    await page.submit();
    await page.waitForList();
    const row = await page.list.waitForRow('Kolkata');
    const { count } = await adapter.countMembers({
      filter: {
        combinator: 'and',
        rules: [{ field: 'city', operator: 'equals', value: 'Kolkata' }],
      },
    });
    expect(row.users).to.equal(count.toLocaleString('en'));
    expect(page.list.status()).to.equal(
      `Kolkata: ${count.toLocaleString('en')} user${count === 1 ? '' : 's'} in total`,
    );
  });

  it("the browser's Back closes the form; Cancel and Back do not leave the page", async () => {
    const adapter = await seededStore();
    const page = await pageOn(adapter);
    page.list.button('Add New').click();
    await page.waitForForm();
    expect(history.state?.['user-segments:view']).to.deep.equal({ kind: 'new' });
    history.back();
    await page.waitForList();
    page.list.button('Add New').click();
    await page.waitForForm();
    await page.typeName('Left open');
    page.formButton('Cancel').click();
    // Something was typed: the form asks before throwing it away.
    await waitUntil(() => page.form.querySelector('dialog[open]'), 'Cancel did not ask');
    getByRole(page.form.querySelector('dialog[open]')!, 'button', {
      name: 'Discard changes',
    }).click();
    await page.waitForList();
    // Cancel went back over its own entry: Forward would reopen it, Back leaves nothing of ours.
    await waitUntil(
      () => history.state?.['user-segments:view'] === undefined,
      'our history entry is still there',
    );
  });

  it('no-history: nothing is pushed; the host can drive `view`', async () => {
    const adapter = await seededStore();
    const page = await pageOn(adapter, true);
    const depth = history.length;
    page.list.button('Add New').click();
    await page.waitForForm();
    expect(history.length).to.equal(depth);
    expect(history.state).to.equal(null);
    page.element.view = { kind: 'list' };
    await page.waitForList();
    page.element.view = { kind: 'edit', id: 'top-10-spenders' };
    await page.waitForForm();
    await waitUntil(() => page.nameField().value === 'Top 10 High-Value Spenders');
  });
});
