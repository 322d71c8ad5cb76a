import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/user-segments/user-segments.ts';
import type { UserSegments } from '../../components/user-segments/user-segments.component.ts';
import type { SegmentAdapter } from '../../src/core.ts';
import { removeStores } from '../helpers/local-stores.ts';
import { seededStore } from '../helpers/segment-fixtures.ts';
import { UserSegmentsHarness } from '../helpers/user-segments-harness.ts';
import { getByRole } from '../helpers/queries.ts';
import { allowResizeObserverLoop } from '../helpers/resize-observer.ts';

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

  it('a name or View members opens the segment’s members; Back returns with focus on its row', async () => {
    allowResizeObserverLoop();
    const adapter = await seededStore();
    const page = await pageOn(adapter);
    getByRole(page.list.root, 'button', { name: 'Returning Customers' }).click();
    await waitUntil(() => page.root.querySelector('segment-members'), 'no members');
    const members = page.root.querySelector('segment-members')!;
    await waitUntil(() => /members of 300 customers/.test(members.shadowRoot!.textContent!));
    expect(page.isListShown()).to.equal(false);
    expect(
      getByRole(members.shadowRoot!, 'heading', { name: 'Returning Customers' }).textContent,
    ).to.not.equal(null);
    expect(history.state?.['user-segments:view']).to.deep.equal({
      kind: 'members',
      id: 'returning-customers',
    });
    // The view opens with focus on its Back button, so a keyboard user starts at the top.
    await waitUntil(() => members.shadowRoot!.activeElement?.textContent?.includes('Back'));
    getByRole(members.shadowRoot!, 'button', { name: '← Back to segments' }).click();
    await page.waitForList();
    await waitUntil(
      () => page.list.focused()?.textContent?.trim() === 'Returning Customers',
      'focus is not back on the row',
    );

    await page.list.choose('Top 10 High-Value Spenders', 'View members');
    await waitUntil(() => page.root.querySelector('segment-members'), 'no members');
    const top = page.root.querySelector('segment-members')!;
    await waitUntil(() => /10 members of 300 customers/.test(top.shadowRoot!.textContent!));
    history.back();
    await page.waitForList();
    await waitUntil(
      () => page.list.focused()?.textContent?.trim() === 'Top 10 High-Value Spenders',
      'Back in the browser returns to the row too',
    );
  });

  it('Export CSV in a row’s menu opens its members and downloads them', async () => {
    allowResizeObserverLoop();
    const adapter = await seededStore();
    const page = await pageOn(adapter);
    let link: HTMLAnchorElement | undefined;
    const intercept = (event: Event) => {
      const target = event.composedPath()[0];
      if (target instanceof HTMLAnchorElement && target.hasAttribute('download')) {
        link = target;
        event.preventDefault(); // keep the file out of the test browser's downloads
      }
    };
    page.root.addEventListener('click', intercept, { capture: true });
    await page.list.choose('Top 10 High-Value Spenders', 'Export CSV');
    await waitUntil(() => link, 'no download started', { timeout: 10_000 });
    page.root.removeEventListener('click', intercept, { capture: true });
    expect(link!.download).to.equal('Top 10 High-Value Spenders.csv');
    const lines = (await (await fetch(link!.href)).text()).trim().split('\r\n');
    expect(lines).to.have.length(11);
    const members = page.root.querySelector('segment-members')!;
    await waitUntil(() => members.shadowRoot!.textContent!.includes('10 members exported'));
  });
});
