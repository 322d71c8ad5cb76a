import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../components/segment-picker/segment-picker.ts';
import type { SegmentPicker } from '../../components/segment-picker/segment-picker.component.ts';
import {
  SegmentError,
  type CallOptions,
  type CountTarget,
  type Customer,
  type ListSegmentsQuery,
  type SegmentAdapter,
} from '../../src/core.ts';
import { generateStore } from '../../src/testing/generate-store.ts';
import { removeStores } from '../helpers/local-stores.ts';
import { seededStore, withOverrides } from '../helpers/segment-fixtures.ts';
import { ControlledAdapter } from '../helpers/controlled-adapter.ts';
import { getAllByRole } from '../helpers/queries.ts';
import { SegmentPickerHarness } from '../helpers/segment-picker-harness.ts';

// ---- the oracle: seededStore()'s customers, counted by hand from the generated data ----

const { customers, orders } = generateStore({ seed: 7, customers: 300, orders: 700 });
const ordersOf = new Map<string, number>();
const spentOf = new Map<string, number>();
for (const order of orders) {
  ordersOf.set(order.customerId, (ordersOf.get(order.customerId) ?? 0) + 1);
  spentOf.set(order.customerId, (spentOf.get(order.customerId) ?? 0) + order.total);
}
const returning = customers.filter((c) => (ordersOf.get(c.id) ?? 0) >= 2);
/** The n biggest spenders: ties go to the earlier customer, then the smaller id. */
const top = (n: number) =>
  customers
    .filter((c) => ordersOf.has(c.id))
    .sort(
      (a, b) =>
        spentOf.get(b.id)! - spentOf.get(a.id)! ||
        Date.parse(a.createdAt) - Date.parse(b.createdAt) ||
        (a.id < b.id ? -1 : 1),
    )
    .slice(0, n);

/** The audience line for these segments, worked out person by person. */
function expectedLine(
  include: Customer[][],
  exclude: Customer[][],
  channel: 'sms' | 'email' | 'any' = 'any',
  consentOnly = false,
): string {
  const appearances = include.reduce((sum, list) => sum + list.length, 0);
  const people = new Map(include.flat().map((c) => [c.id, c]));
  const out = new Set(exclude.flat().map((c) => c.id));
  let total = 0;
  let noConsent = 0;
  let noChannel = 0;
  for (const person of people.values()) {
    if (out.has(person.id)) continue;
    if (consentOnly && person.acceptsMarketing !== true) noConsent++;
    else if (
      channel === 'sms'
        ? !person.phone
        : channel === 'email'
          ? !person.email
          : !(person.phone || person.email)
    )
      noChannel++;
    else total++;
  }
  const n = (x: number) => x.toLocaleString('en');
  const reasons = [];
  if (appearances - people.size) {
    const d = appearances - people.size;
    reasons.push(`${n(d)} ${d === 1 ? 'duplicate' : 'duplicates'}`);
  }
  if (noConsent) reasons.push(`${n(noConsent)} without consent`);
  if (noChannel) {
    const what =
      channel === 'sms' ? 'a phone' : channel === 'email' ? 'an email' : 'a phone or email';
    reasons.push(`${n(noChannel)} without ${what}`);
  }
  const head = `${n(total)} ${total === 1 ? 'person' : 'people'}`;
  if (!reasons.length) return head;
  const list =
    reasons.length === 1
      ? reasons[0]
      : reasons.length === 2
        ? reasons.join(' and ')
        : `${reasons.slice(0, -1).join(', ')}, and ${reasons.at(-1)}`;
  return `${head} · ${list} removed`;
}

// ---- fixtures ----

async function picker(
  adapter: SegmentAdapter,
  attrs: { required?: boolean; lang?: string } = {},
): Promise<{ form: HTMLFormElement; element: SegmentPicker; p: SegmentPickerHarness }> {
  const form = await fixture<HTMLFormElement>(
    html`<form lang=${attrs.lang ?? 'en'}>
      <segment-picker
        name="audience"
        .adapter=${adapter}
        ?required=${attrs.required}
      ></segment-picker>
    </form>`,
  );
  const element = form.querySelector('segment-picker')!;
  await element.updateComplete;
  return { form, element, p: new SegmentPickerHarness(element) };
}

const settle = (ms = 450) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(removeStores);

describe('<segment-picker>', () => {
  it('by keyboard: type to search, arrow to an option, Enter chooses it, Backspace removes it', async () => {
    const { element, p } = await picker(await seededStore());
    let changes = 0;
    element.addEventListener('change', () => changes++);
    await p.type('Include', 'return');
    await p.waitForOption('Include', 'Returning Customers');
    expect(p.box('Include').getAttribute('aria-expanded')).to.equal('true');
    expect(p.activeOption('Include'), 'nothing active before an arrow key').to.equal(undefined);
    await p.press('ArrowDown');
    expect(p.activeOption('Include')).to.equal('Returning Customers');
    await p.press('Enter');
    await waitUntil(() => changes === 1, 'change was not fired');
    expect(p.chips('Include')).to.deep.equal(['Returning Customers']);
    expect(element.value).to.deep.equal({ include: ['returning-customers'], exclude: [] });
    expect(p.option('Include', 'Returning Customers').getAttribute('aria-selected')).to.equal(
      'true',
    );
    await waitUntil(() => p.announced() === 'Returning Customers included.', p.announced());
    await p.waitForAudience(expectedLine([returning], []));

    await p.press('Escape');
    expect(p.box('Include').getAttribute('aria-expanded')).to.equal('false');
    await p.press('Escape');
    expect(p.box('Include').value, 'a second Escape clears the box').to.equal('');
    await p.press('Backspace');
    expect(p.chips('Include')).to.deep.equal([]);
    expect(changes).to.equal(2);
    await p.waitForAudience('Include a segment to see who the campaign reaches.');
  });

  it('by keyboard: Down opens the list at its first option; Home, End and Up wrap around it', async () => {
    const { p } = await picker(await seededStore());
    p.box('Include').focus();
    await p.press('ArrowDown');
    await p.waitForOption('Include', 'Accepts marketing (all stores)');
    const names = p.options('Include').map((o) => p.optionName(o));
    expect(names.slice(0, 2)).to.deep.equal(['First Time Customers', 'Returning Customers']);
    expect(p.activeOption('Include')).to.equal('First Time Customers');
    await p.press('End');
    expect(p.activeOption('Include')).to.equal(names.at(-1));
    await p.press('Home');
    expect(p.activeOption('Include')).to.equal('First Time Customers');
    await p.press('ArrowUp');
    expect(p.activeOption('Include'), 'Up from the first wraps to the last').to.equal(names.at(-1));
    await p.press('ArrowDown');
    expect(p.activeOption('Include')).to.equal('First Time Customers');
    // The global segment says so, and every option shows its users.
    expect(p.option('Include', 'Accepts marketing (all stores)').textContent).to.contain('Global');
    const returningOption = p.option('Include', 'Returning Customers');
    await waitUntil(() => /\d+ users?/.test(returningOption.textContent!), 'no count');
    expect(returningOption.querySelector('.count')!.textContent!.trim()).to.equal(
      `${returning.length} users`,
    );
  });

  it('by pointer: two overlapping segments count their shared people once; a chip removed by its button', async () => {
    const { element, p } = await picker(await seededStore());
    const click = async (target: HTMLElement) => {
      const box = target.getBoundingClientRect();
      await sendMouse({
        type: 'click',
        position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)],
      });
      await element.updateComplete;
    };
    await click(p.box('Include'));
    await click(await p.waitForOption('Include', 'Top 10 High-Value Spenders'));
    await click(p.option('Include', 'Top 50 High-Value Spenders'));
    expect(p.chips('Include')).to.deep.equal([
      'Top 10 High-Value Spenders',
      'Top 50 High-Value Spenders',
    ]);
    expect(
      p.box('Include').getAttribute('aria-expanded'),
      'the list stays open to choose more',
    ).to.equal('true');
    const line = expectedLine([top(10), top(50)], []);
    expect(line).to.match(/^[\d,]+ people · 10 duplicates removed$/);
    await p.waitForAudience(line);

    // In Exclude, what is included is offered disabled, with why; clicking it changes nothing.
    await click(p.box('Exclude'));
    const taken = await p.waitForOption('Exclude', 'Top 10 High-Value Spenders');
    expect(p.box('Include').getAttribute('aria-expanded'), 'leaving Include closes it').to.equal(
      'false',
    );
    expect(taken.getAttribute('aria-disabled')).to.equal('true');
    expect(taken.textContent).to.contain('Already in Include.');
    await click(taken);
    expect(element.value).to.deep.equal({
      include: ['top-10-spenders', 'top-50-spenders'],
      exclude: [],
    });

    await click(p.removeButton('Top 10 High-Value Spenders'));
    expect(p.chips('Include')).to.deep.equal(['Top 50 High-Value Spenders']);
    expect(p.focused(), 'focus goes back to the search box').to.equal('Include');
    await p.waitForAudience(expectedLine([top(50)], []));
  });

  it('excludes by keyboard: the Exclude box, and a chip removed by Tab and Enter', async () => {
    const { element, p } = await picker(await seededStore());
    element.value = { include: ['returning-customers'] };
    await p.type('Exclude', 'top 10');
    await p.waitForOption('Exclude', 'Top 10 High-Value Spenders');
    await p.press('ArrowDown');
    await p.press('Enter');
    expect(p.chips('Exclude')).to.deep.equal(['Top 10 High-Value Spenders']);
    await p.waitForAudience(expectedLine([returning], [top(10)]));
    // The Remove buttons are reached by Tab, named after their segment.
    p.box('Include').focus();
    await p.press('Shift+Tab');
    expect(p.focused()).to.equal('Remove Returning Customers');
    await p.press('Enter');
    expect(p.chips('Include')).to.deep.equal([]);
    expect(element.value).to.deep.equal({ include: [], exclude: ['top-10-spenders'] });
  });

  it('sends channel and consent-only to the audience, and names every reason people were removed', async () => {
    const { element, p } = await picker(await seededStore());
    element.value = { include: ['top-100-spenders', 'returning-customers'] };
    element.channel = 'sms';
    element.consentOnly = true;
    const line = expectedLine([top(100), returning], [], 'sms', true);
    expect(line, 'the data has each kind of removal').to.match(
      /duplicates, .* without consent, and .* without a phone removed$/,
    );
    await p.waitForAudience(line);
    element.channel = 'email';
    element.consentOnly = false;
    await p.waitForAudience(expectedLine([top(100), returning], [], 'email', false));
  });

  it('counts the options that have no count yet, four at a time, and stops when the list closes', async () => {
    const store = await seededStore();
    const signals: AbortSignal[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const adapter = withOverrides(store, {
      listSegments: async (q: ListSegmentsQuery, o?: CallOptions) => {
        const page = await store.listSegments(q, o);
        return { ...page, items: page.items.map((s) => ({ ...s, memberCount: null })) };
      },
      countMembers: async (target: CountTarget, o?: CallOptions) => {
        signals.push(o!.signal!);
        await held;
        return store.countMembers(target, o);
      },
    });
    const { p } = await picker(adapter);
    p.box('Include').focus();
    await p.press('ArrowDown');
    const option = await p.waitForOption('Include', 'Returning Customers');
    expect(option.querySelector('.count')!.textContent!.trim()).to.equal('counting…');
    expect(signals.length, 'a few at a time').to.equal(4);
    await p.press('Escape');
    expect(
      signals.every((signal) => signal.aborted),
      'closing the list aborts the counts still asked',
    ).to.equal(true);

    await p.press('ArrowDown');
    release();
    await waitUntil(
      () =>
        option.isConnected && /users?$/.test(option.querySelector('.count')!.textContent!.trim()),
      'never counted',
    );
    expect(
      p.option('Include', 'Returning Customers').querySelector('.count')!.textContent!.trim(),
    ).to.equal(`${returning.length} users`);
  });

  it('brings back a restored choice, and a reset still returns to the host value', async () => {
    const { form, element, p } = await picker(await seededStore());
    element.value = { include: ['first-time-customers'] };
    // What the browser calls when it restores a form (back/forward, a restored session).
    element.formStateRestoreCallback(
      '{"include":["returning-customers"],"exclude":["top-10-spenders"]}',
    );
    await waitUntil(() => p.chips('Exclude').length === 1, 'not restored');
    expect(p.chips('Include')).to.deep.equal(['Returning Customers']);
    expect(p.chips('Exclude')).to.deep.equal(['Top 10 High-Value Spenders']);
    element.formStateRestoreCallback('not json');
    expect(element.value).to.deep.equal({ include: [], exclude: [] });
    form.reset();
    expect(element.value).to.deep.equal({ include: ['first-time-customers'], exclude: [] });
  });

  it('says when the audience cannot be counted, and asks nothing for an empty Include', async () => {
    const adapter = new ControlledAdapter(await seededStore());
    const { element, p } = await picker(adapter);
    await settle();
    expect(adapter.calls.resolveAudience).to.equal(0);
    expect(p.audience()).to.equal('Include a segment to see who the campaign reaches.');
    adapter.refuseNext('resolveAudience', new SegmentError('unavailable', 'offline'));
    element.value = { include: ['returning-customers'] };
    await waitUntil(() => p.alerts().length > 0, 'the failure was not shown');
    expect(p.alerts()).to.deep.equal([
      'The audience could not be counted. The customer data could not be reached. Check the connection and try again.',
    ]);
  });

  it('asks the audience once choosing pauses, aborting the question a newer choice replaced', async () => {
    const adapter = new ControlledAdapter(await seededStore());
    const { element, p } = await picker(adapter);
    element.value = { include: ['returning-customers'] };
    await element.updateComplete;
    element.value = { include: ['top-10-spenders'] };
    await p.waitForAudience(expectedLine([top(10)], []));
    expect(adapter.calls.resolveAudience, 'one question for two quick changes').to.equal(1);
  });

  it('refuses a segment in both lists, naming it, and asks no audience for it', async () => {
    const adapter = new ControlledAdapter(await seededStore());
    const { element, p } = await picker(adapter);
    element.value = { include: ['returning-customers'], exclude: ['returning-customers'] };
    await waitUntil(() => p.alerts().length > 0, 'no message');
    await waitUntil(() => p.alerts()[0].includes('"Returning Customers"'), p.alerts()[0]);
    expect(p.alerts()).to.deep.equal([
      '"Returning Customers" is both included and excluded. Remove it from one of the lists.',
    ]);
    expect(element.checkValidity()).to.equal(false);
    expect(p.audience()).to.equal('Fix the choice above to see the audience.');
    await settle();
    expect(adapter.calls.resolveAudience).to.equal(0);
    getAllByRole(p.root, 'button', { name: 'Remove Returning Customers' })[0].click(); // Include's
    await element.updateComplete;
    expect(element.checkValidity()).to.equal(true);
    expect(element.value).to.deep.equal({ include: [], exclude: ['returning-customers'] });
  });

  it('shows an unknown id as a deleted segment until it is removed', async () => {
    const { element, p } = await picker(await seededStore());
    element.value = { include: ['returning-customers', 'no-such-segment'] };
    await waitUntil(() => p.chips('Include').includes('Deleted segment'), 'no deleted chip');
    expect(p.chips('Include')).to.deep.equal(['Returning Customers', 'Deleted segment']);
    expect(p.alerts()).to.deep.equal(['A chosen segment no longer exists. Remove it.']);
    expect(element.checkValidity()).to.equal(false);
    p.removeButton('Deleted segment').click();
    await p.waitForAudience(expectedLine([returning], []));
    expect(element.checkValidity()).to.equal(true);
  });

  it('finds a segment by a Hindi name', async () => {
    const adapter = await seededStore();
    const filter = {
      combinator: 'and' as const,
      rules: [{ field: 'city', operator: 'equals', value: 'Pune' }],
    };
    await adapter.createSegment({ name: 'दिवाली ग्राहक', type: 'filter', filter });
    await adapter.createSegment({ name: 'Diwali buyers', type: 'filter', filter });
    const { p } = await picker(adapter);
    await p.type('Include', 'दिवाली');
    await p.waitForOption('Include', 'दिवाली ग्राहक');
    expect(p.options('Include').map((o) => p.optionName(o))).to.deep.equal(['दिवाली ग्राहक']);
    await p.press('ArrowDown');
    await p.press('Enter');
    expect(p.chips('Include')).to.deep.equal(['दिवाली ग्राहक']);
  });

  it('shows a segment still importing as disabled, with why, and does not choose it', async () => {
    const adapter = await seededStore();
    const guests = await adapter.createSegment({
      name: 'Wedding guests',
      type: 'csv',
      csv: {
        fileName: 'g.csv',
        phoneColumn: 'phone',
        emailColumn: 'email',
        accepted: 5,
        rejected: 0,
        duplicates: 0,
      },
    });
    const { element, p } = await picker(adapter);
    await p.type('Include', 'wedding');
    const option = await p.waitForOption('Include', 'Wedding guests');
    expect(option.getAttribute('aria-disabled')).to.equal('true');
    expect(option.textContent).to.contain(
      'Still importing: it can be chosen once its upload finishes.',
    );
    await p.press('ArrowDown');
    await p.press('Enter');
    expect(element.value.include).to.deep.equal([]);
    await waitUntil(
      () => p.announced().startsWith('Wedding guests: Still importing'),
      p.announced(),
    );
    // Given by the host, it makes the picker invalid and asks no audience.
    element.value = { include: [guests.id] };
    await waitUntil(() => p.alerts().length > 0, 'no message');
    expect(p.alerts()).to.deep.equal([
      '"Wedding guests" is still importing. Finish its upload or remove it.',
    ]);
    expect(element.checkValidity()).to.equal(false);
    expect(p.audience()).to.equal('Fix the choice above to see the audience.');
  });

  it('in a form: required until a segment is included, submitted as JSON, reset to the host value', async () => {
    const { form, element, p } = await picker(await seededStore(), { required: true });
    expect(element.checkValidity()).to.equal(false);
    expect(element.validationMessage).to.equal('Include at least one segment.');
    expect(form.checkValidity()).to.equal(false);
    element.reportValidity();
    await element.updateComplete;
    expect(p.alerts()).to.include('Include at least one segment.');

    element.value = { include: ['first-time-customers'], exclude: [] };
    await element.updateComplete;
    await p.type('Include', 'returning');
    await p.waitForOption('Include', 'Returning Customers');
    await p.press('ArrowDown');
    await p.press('Enter');
    await element.updateComplete;
    expect(element.checkValidity()).to.equal(true);
    const submitted = oneEvent(form, 'submit');
    form.addEventListener('submit', (e) => e.preventDefault(), { once: true });
    form.requestSubmit();
    await submitted;
    expect(JSON.parse(new FormData(form).get('audience') as string)).to.deep.equal({
      include: ['first-time-customers', 'returning-customers'],
      exclude: [],
    });

    form.reset();
    await element.updateComplete;
    expect(element.value).to.deep.equal({ include: ['first-time-customers'], exclude: [] });
    expect(p.chips('Include')).to.deep.equal(['First Time Customers']);
    expect(p.box('Include').value).to.equal('');
  });

  it('speaks Hindi on a Hindi page', async () => {
    const { p } = await picker(await seededStore(), { lang: 'hi' });
    await waitUntil(
      () => p.root.querySelector('label')?.textContent?.trim() === 'शामिल करें',
      'not in Hindi',
    );
    expect(p.audience()).to.equal('कैंपेन किस तक पहुँचेगा, यह देखने के लिए कोई सेगमेंट शामिल करें।');
  });

  it('is disabled with its fieldset', async () => {
    const form = await fixture<HTMLFormElement>(
      html`<form>
        <fieldset disabled>
          <segment-picker
            .adapter=${await seededStore()}
            .value=${{ include: ['returning-customers'] }}
          ></segment-picker>
        </fieldset>
      </form>`,
    );
    const element = form.querySelector('segment-picker')!;
    const p = new SegmentPickerHarness(element);
    await element.updateComplete;
    expect(p.box('Include').disabled).to.equal(true);
    await waitUntil(() => p.chips('Include')[0] === 'Returning Customers', 'no chip');
    expect((p.removeButton('Returning Customers') as HTMLButtonElement).disabled).to.equal(true);
    await sendKeys({ press: 'Tab' });
  });
});
