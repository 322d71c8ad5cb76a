/**
 * Every state of the page in light and dark, English and Hindi, at 1280 and 360 px: axe-core
 * finds nothing, nothing is wider than the screen, and a screenshot of each state is saved for a
 * person to look at (test/screenshots/journey-look-*.png). The seller switches theme and language
 * with the admin's own header controls.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { PREDEFINED_SEGMENTS } from '../../src/core.ts';
import { en } from '../../components/shared/translations/en.ts';
import { hi } from '../../components/shared/translations/hi.ts';
import { getAllByRole, getByRole } from '../helpers/queries.ts';
import { closeDemo, openDemo } from './demo-page.ts';
import { journeyCsv, state, type Walk } from './journeys.ts';
import type { Seller } from './seller.ts';

const LOOKS = [
  { theme: 'light', lang: 'en' },
  { theme: 'dark', lang: 'en' },
  { theme: 'light', lang: 'hi' },
  { theme: 'dark', lang: 'hi' },
] as const;

describe('the look of every state', function () {
  this.timeout(300_000);
  afterEach(closeDemo);

  for (const width of [1280, 360] as const) {
    it(`at ${width} px, light and dark, English and Hindi`, async () => {
      const seller = await openDemo({ adapter: 'local', mode: 'mouse', width });
      for (const look of LOOKS) {
        await setLook(seller, look.theme, look.lang);
        const walk: Walk = { label: `look-${width}-${look.theme}-${look.lang}` };
        const hindi = look.lang === 'hi';
        const predefined = hindi
          ? PREDEFINED_SEGMENTS.map((p) => (hi.predefinedSegments as Record<string, string>)[p.id])
          : PREDEFINED_SEGMENTS.map((p) => p.name);
        await seller.page.list.waitFor(
          () => seller.page.list.names()[0] === predefined[0],
          'the list never spoke the language',
        );
        expect(seller.page.list.names().slice(0, 5)).to.deep.equal(predefined);
        await looked(seller, walk, 'list');

        // A search in the page's language finds the predefined segments by their names in it.
        const list = seller.page.list;
        const search = getByRole(list.root, 'textbox', {
          name: hindi ? hi.segmentList.search : 'Search segments',
        }) as HTMLInputElement;
        await seller.fill(search, hindi ? 'ख़र्च' : 'spenders');
        await list.waitFor(() => list.names().length === 3, `search: ${list.names()}`);
        expect(list.names()).to.deep.equal(predefined.slice(2));
        await looked(seller, walk, 'search');
        await seller.fill(search, '');
        await list.waitFor(() => list.names().length >= 5, 'clearing the search');

        // Duplicate of a predefined segment: the copy is named in the page's language.
        const t = hindi ? hi.segmentList : en.segmentList;
        const menuFor = (name: string) =>
          getByRole(list.root, 'button', { name: t.actions.replace('{name}', name) });
        const choose = async (name: string, item: string) => {
          await seller.activate(menuFor(name));
          await seller.activate(
            getByRole(getByRole(list.root, 'menu'), 'menuitem', { name: item }),
          );
        };
        const copy = `${predefined[2]} ${hindi ? '(कॉपी)' : '(copy)'}`;
        await choose(predefined[2], t.duplicate);
        await list.waitFor(
          () =>
            list.element.segments?.some((s) => s.name === copy && !s.id.startsWith('pending:')) ??
            false,
          `no copy named ${copy}: ${list.names()}`,
        );
        await looked(seller, walk, 'copy');
        await choose(copy, t.delete);
        await seller.activate(getByRole(list.dialog()!, 'button', { name: t.deleteConfirm }));
        await list.waitFor(() => !list.names().includes(copy), 'the copy was never deleted');

        await seller.activate(seller.page.list.button(hindi ? 'नया जोड़ें' : 'Add New'));
        await seller.page.waitForForm();
        const type = getByRole(seller.page.form, 'group', { name: hindi ? 'प्रकार' : 'Type' });
        await seller.chooseRadio(type, hindi ? 'फ़िल्टर' : 'Filter');
        const builder = seller.builder;
        await seller.activate(
          getByRole(builder.root, 'button', { name: hindi ? 'फ़िल्टर जोड़ें' : 'Add filter' }),
        );
        // A date condition: the box shows the date in the language's order (day first).
        const field = getByRole(builder.root, 'combobox', {
          name: hindi ? hi.filterBuilder.field : 'Field',
        });
        await seller.pick(
          field as HTMLSelectElement,
          hindi ? hi.fieldLabels.createdOn : 'Created On',
        );
        const value = getByRole(builder.root, 'textbox', {
          name: hindi ? hi.filterBuilder.value : 'Value',
        });
        await looked(seller, walk, 'form-date-empty');
        // No such day: once the seller leaves the box it says so, keeping what was typed.
        await seller.fill(value as HTMLInputElement, '31/02/2025');
        await sendKeys({ press: 'Tab' });
        await seller.settle();
        expect(value.getAttribute('aria-invalid')).to.equal('true');
        await looked(seller, walk, 'form-date-invalid');
        await seller.typeValue(value as HTMLInputElement, '2025-06-01');
        expect((value as HTMLInputElement).value).to.equal('01/06/2025');
        expect((value as HTMLInputElement).placeholder).to.equal(
          hindi ? 'दिन/माह/वर्ष' : 'DD/MM/YYYY',
        );
        await looked(seller, walk, 'form-filter');
        await seller.chooseRadio(type, 'CSV');
        const csv = journeyCsv();
        await seller.chooseCsv('walk-in customers.csv', csv.text);
        await looked(seller, walk, 'form-csv');
        const preview = getByRole(seller.page.csvMapper.element.shadowRoot!, 'region', {
          name: hindi ? /^झलक/ : /^Preview/,
        });
        if (preview.scrollWidth > preview.clientWidth) {
          // Scrolled part way: both edges are shaded.
          preview.scrollLeft = (preview.scrollWidth - preview.clientWidth) / 2;
          await new Promise((resolve) => setTimeout(resolve, 300));
          await looked(seller, walk, 'form-csv-scrolled');
        }
        await seller.activate(
          getByRole(seller.page.form, 'button', { name: hindi ? 'रद्द करें' : 'Cancel' }),
        );
        const leave = seller.page.formElement?.shadowRoot?.querySelector('dialog[open]');
        if (leave) {
          await looked(seller, walk, 'leave-dialog');
          await seller.activate(
            getByRole(leave as HTMLElement, 'button', {
              name: hindi ? 'बदलाव छोड़ दें' : 'Discard changes',
            }),
          );
        }
        await seller.page.waitForList();
      }
    });
  }
  for (const width of [1280, 360] as const) {
    it(`the campaign form at ${width} px, light and dark, English and Hindi`, async () => {
      const seller = await openDemo({ adapter: 'local', mode: 'mouse', width });
      await seller.activate(getByRole(seller.admin, 'link', { name: 'Campaigns' }));
      await seller.waitFor(
        () => seller.admin.querySelector('segment-picker')?.shadowRoot,
        'the Campaigns page never showed',
      );
      const root = seller.admin.querySelector('segment-picker')!.shadowRoot!;
      const sentence = () =>
        (root.querySelector('[part~="audience"] [role="status"]')?.textContent ?? '').trim();
      for (const look of LOOKS) {
        await setLook(seller, look.theme, look.lang);
        const walk: Walk = { label: `look-${width}-${look.theme}-${look.lang}` };
        const t = look.lang === 'hi' ? hi.segmentPicker : en.segmentPicker;
        await seller.waitFor(
          () => root.querySelector('label')?.textContent?.trim() === t.include,
          'the picker never spoke the language',
        );
        await seller.click(getByRole(root, 'combobox', { name: t.include }));
        await seller.waitFor(() => getAllByRole(root, 'option').length >= 5, 'no options');
        await looked(seller, walk, 'campaign-options');
        await seller.click(getAllByRole(root, 'option')[1]);
        await seller.click(seller.admin.querySelector('h1')!);
        await seller.waitFor(
          () => /\d/.test(sentence()) && !sentence().includes(t.audienceCounting),
          'the audience was never counted',
        );
        await looked(seller, walk, 'campaign');
        await seller.click(root.querySelector<HTMLElement>('[part~="chip-remove"]')!);
        await seller.waitFor(() => sentence() === t.audienceEmpty, 'the chip was never removed');
      }
    });
  }
});

async function setLook(seller: Seller, theme: 'light' | 'dark', lang: 'en' | 'hi') {
  const dark = getByRole(seller.admin, 'button', { name: /Dark theme|डार्क थीम/ });
  if ((dark.getAttribute('aria-pressed') === 'true') !== (theme === 'dark')) {
    await seller.activate(dark);
  }
  const language = getByRole(seller.admin, 'combobox', {
    name: /Language|भाषा/,
  }) as HTMLSelectElement;
  if (language.value !== lang) await seller.pick(language, lang === 'hi' ? 'हिन्दी' : 'English');
  await seller.settle();
}

/** axe, a screenshot, and nothing wider than the viewport. */
async function looked(seller: Seller, walk: Walk, name: string) {
  await state(seller, walk, name);
  expect(document.documentElement.scrollWidth, `${walk.label} ${name}: page width`).to.be.at.most(
    window.innerWidth,
  );
}
