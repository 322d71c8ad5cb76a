/**
 * A CSV preview wider than a phone's screen says that it scrolls: a shade at the edge with more
 * columns beyond it (moving as the seller scrolls), a line saying so, and a named region that
 * scrolls by the arrow keys once focused. A narrow preview shows none of it. The delimiter
 * select takes the theme's surface and text colours, like the other fields.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import '../../components/csv-mapper/csv-mapper.ts';
import type { CsvMapper } from '../../components/csv-mapper/csv-mapper.component.ts';
import { expectNoAxeViolations } from '../helpers/axe.ts';
import { CsvMapperHarness } from '../helpers/csv-mapper-harness.ts';
import { deepActiveElement } from '../helpers/focus.ts';
import { accessibleDescription, getByRole } from '../helpers/queries.ts';

const wide = () =>
  new File(
    [
      'Full name,Mobile Number,Email Address,Street address,City of residence,Loyalty tier\n' +
        'Asha Raghunathan,98765 43210,asha.raghunathan@example.com,12 MG Road Indiranagar,Bengaluru,Gold\n' +
        'Bala Subramaniam,+91 91234 56789,bala.subramaniam@example.com,4 Park Street,Kolkata,Silver\n',
    ],
    'wide.csv',
    { type: 'text/csv' },
  );
const narrow = () => new File(['phone\n98765 43210\n'], 'narrow.csv', { type: 'text/csv' });

async function mapperWith(file: File, style = '') {
  const element = await fixture<CsvMapper>(html`<csv-mapper style=${style}></csv-mapper>`);
  const user = new CsvMapperHarness(element);
  await user.chooseFile(file);
  const root = element.shadowRoot!;
  const region = getByRole(root, 'region', { name: /^Preview/ });
  const frame = region.closest<HTMLElement>('.table-frame')!;
  /** How opaque the shade at each edge is drawn, 0 (none) to 1. */
  const shade = () => ({
    start: Number(getComputedStyle(region.parentElement!, '::before').opacity),
    end: Number(getComputedStyle(region.parentElement!, '::after').opacity),
  });
  /** The shades fade in and out: wait until they have settled at what is expected. */
  const waitForShade = (expected: { start: number; end: number }) =>
    waitUntil(
      () => {
        const now = shade();
        return now.start === expected.start && now.end === expected.end;
      },
      `the shades never became ${JSON.stringify(expected)}: ${JSON.stringify(shade())}`,
    );
  const hint = () => root.querySelector<HTMLElement>('#preview-scroll-hint');
  const hintShown = () => !!hint() && hint()!.getBoundingClientRect().height > 0;
  return { element, user, region, frame, shade, waitForShade, hintShown, root };
}

describe('<csv-mapper> wide previews on a phone', () => {
  afterEach(() => setViewport({ width: 1280, height: 900 }));

  it('at 360 px: shades the side with more columns, says it scrolls, scrolls by keyboard', async () => {
    await setViewport({ width: 360, height: 740 });
    const m = await mapperWith(wide());
    expect(m.region.scrollWidth, 'the preview is wider than the screen').to.be.greaterThan(
      m.region.clientWidth,
    );
    await m.waitForShade({ start: 0, end: 1 });
    expect(m.hintShown(), 'a line says the preview scrolls').to.equal(true);
    expect(accessibleDescription(m.region)).to.equal(
      'Scroll sideways (or use the arrow keys) to see every column.',
    );
    await expectNoAxeViolations(m.element, 'wide preview at 360 px');

    // The keyboard: Tab reaches the region, the arrow keys scroll it.
    m.user.field('Email Column').focus();
    for (let i = 0; i < 10 && deepActiveElement() !== m.region; i++) {
      await sendKeys({ press: 'Tab' });
    }
    expect(deepActiveElement(), 'Tab reaches the preview').to.equal(m.region);
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => m.region.scrollLeft > 0, 'ArrowRight did not scroll the preview');
    await m.waitForShade({ start: 1, end: 1 });

    // At the far end only the start is shaded, and the caption is still in view.
    m.region.scrollLeft = m.region.scrollWidth;
    await m.waitForShade({ start: 1, end: 0 });
    const caption = m.region.querySelector('caption')!.firstElementChild!.getBoundingClientRect();
    expect(caption.left, 'the caption scrolled out of view').to.be.at.least(
      m.region.getBoundingClientRect().left - 1,
    );
    await executeServerCommand('screenshot', { name: 'csv-mapper-360-scrolled-to-end' });
    m.region.scrollLeft = 0;
    await m.waitForShade({ start: 0, end: 1 });
  });

  it('at 1280 px a preview that fits shows no shade and no line, and is not described', async () => {
    const m = await mapperWith(narrow());
    expect(m.region.scrollWidth).to.be.at.most(m.region.clientWidth);
    await m.waitForShade({ start: 0, end: 0 });
    expect(m.hintShown()).to.equal(false);
    expect(m.region.hasAttribute('aria-describedby')).to.equal(false);
  });

  it('the delimiter select is drawn in the theme colours, like the column fields', async () => {
    const m = await mapperWith(
      narrow(),
      '--us-color-surface: rgb(1, 2, 3); --us-color-text: rgb(200, 201, 202)',
    );
    const select = m.user.field('Delimiter') as HTMLSelectElement;
    const column = m.user.field('Phone Column');
    for (const control of [select, column]) {
      const style = getComputedStyle(control);
      expect(style.backgroundColor, control.id).to.equal('rgb(1, 2, 3)');
      expect(style.color, control.id).to.equal('rgb(200, 201, 202)');
    }
    expect(getComputedStyle(select).borderRadius).to.equal(getComputedStyle(column).borderRadius);
    expect(select.getBoundingClientRect().height).to.equal(column.getBoundingClientRect().height);
  });
});
