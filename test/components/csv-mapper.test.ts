import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../components/csv-mapper/csv-mapper.ts';
import type { CsvMapper } from '../../components/csv-mapper/csv-mapper.component.ts';
import type { CsvValidatedEvent } from '../../components/shared/events.ts';
import { registerTranslation } from '../../components/shared/localize.ts';
import { CsvMapperHarness } from '../helpers/csv-mapper-harness.ts';

const csv = (lines: string[], name = 'customers.csv') =>
  new File([lines.join('\n') + '\n'], name, { type: 'text/csv' });

/** Six customers: two good, three rejected (two for the same reason), one duplicate phone. */
const customers = () =>
  csv([
    'name,phone,email',
    'Asha,98765 43210,asha@example.com',
    'Bala,12345,not-an-email',
    'Chitra,,',
    'Deepa,98765 43210,deepa@example.com',
    'Esha,+91 91234 56789,',
    'Farah,,',
  ]);

async function mapper(template = html`<csv-mapper></csv-mapper>`) {
  const element = await fixture<CsvMapper>(template);
  return { element, user: new CsvMapperHarness(element) };
}

/** A host element that puts a <csv-mapper> and a search box in its own shadow root. */
class MapperShell extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).innerHTML =
      '<input aria-label="Search"><csv-mapper></csv-mapper>';
  }
}
customElements.define('mapper-shell', MapperShell);

describe('<csv-mapper>', () => {
  it('shows the chosen file, its delimiter, the matched columns and a preview', async () => {
    const { user } = await mapper();
    await user.chooseFile(customers());

    expect(user.details()).to.deep.equal({
      File: 'customers.csv',
      'Detected delimiter': 'Comma',
      Encoding: 'UTF-8',
    });
    expect(user.column('Phone Column')).to.include({ value: 'phone', invalid: false });
    expect(user.column('Email Column')).to.include({ value: 'email', invalid: false });
    const preview = user.preview();
    expect(preview.caption).to.equal('Preview: first 5 rows');
    expect(preview.headers).to.deep.equal(['name', 'phone Phone Column', 'email Email Column']);
    expect(preview.rows[0]).to.deep.equal(['Asha', '98765 43210', 'asha@example.com']);
  });

  it('validates the whole file and summarises what would be imported', async () => {
    const { element, user } = await mapper();
    await user.chooseFile(customers());
    await user.waitForResult();

    expect(user.summary()).to.deep.equal({
      Accepted: '2',
      Rejected: '3',
      Duplicates: '1',
      'Total rows': '6',
    });
    expect(user.reasons()).to.deep.equal([
      ['No phone or email', '2'],
      ['Neither the phone number nor the email is valid', '1'],
    ]);
    expect(user.announcement()).to.equal(
      'Validation finished. Accepted: 2, rejected: 3, duplicates: 1, total rows: 6.',
    );
    // The seller is taken to the result.
    expect(element.shadowRoot!.activeElement?.textContent).to.equal('Validation result');
    expect(element.value).to.deep.equal({
      fileName: 'customers.csv',
      phoneColumn: 'phone',
      emailColumn: 'email',
      accepted: 2,
      rejected: 3,
      duplicates: 1,
    });
    expect(element.report?.accepted.map((row) => row.phone)).to.deep.equal([
      '+919876543210',
      '+919123456789',
    ]);
  });

  it('takes a file dropped on the drop zone', async () => {
    const { user } = await mapper();
    const { highlighted } = await user.dropFile(customers());
    expect(highlighted, 'drop zone shows the drag').to.equal(true);
    await user.waitForResult();
    expect(user.summary()).to.include({ Accepted: '2', 'Total rows': '6' });
  });

  it('refuses a dropped file that is not a CSV', async () => {
    const { element, user } = await mapper();
    await user.dropFile(new File(['%PDF-1.4'], 'invoice.pdf', { type: 'application/pdf' }));
    expect(user.alerts()[0]).to.contain('"invoice.pdf" is not a CSV file.');
    expect(user.hasField('Phone Column')).to.equal(false);
    expect(element.validity.customError).to.equal(true);
  });

  it('formats the numbers of the summary', async () => {
    const rows = Array.from(
      { length: 1234 },
      (_, i) => `98${String(10_000_000 + i)},user${i}@example.com`,
    );
    const { user } = await mapper();
    await user.chooseFile(csv(['phone,email', ...rows]));
    await user.waitForResult();
    expect(user.summary()).to.include({ Accepted: '1,234', 'Total rows': '1,234' });
  });

  it('reads phones without a country code in the default country', async () => {
    const file = csv(['phone,email', '(201) 234-5678,']);
    const { element, user } = await mapper(html`<csv-mapper default-country="US"></csv-mapper>`);
    await user.chooseFile(file);
    await user.waitForResult();
    expect(user.summary()).to.include({ Accepted: '1', Rejected: '0' });
    expect(element.report?.accepted[0].phone).to.equal('+12012345678');

    element.defaultCountry = 'IN';
    await user.waitForResult();
    expect(user.summary()).to.include({ Accepted: '0', Rejected: '1' });
    expect(element.validationMessage).to.equal(
      'No row of this file has a valid phone number or email.',
    );
  });

  it('downloads the rejected rows as a CSV file the seller can open safely', async () => {
    const { user } = await mapper();
    await user.chooseFile(
      csv([
        'name,phone,email',
        'Asha,98765 43210,asha@example.com',
        '=HYPERLINK("http://x"),12345,not-an-email',
        'Chitra,,',
        'Deepa,98765 43210,deepa@example.com',
      ]),
    );
    await user.waitForResult();

    const download = await user.downloadRejected();
    expect(download.fileName).to.equal('customers-rejected.csv');
    const lines = download.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).to.deep.equal([
      'line,reason,name,phone,email',
      // A cell that would start a formula in a spreadsheet is kept as text by a leading apostrophe.
      `3,"""12345"" is not a valid phone number for IN; ""not-an-email"" is not a valid email address",` +
        `"'=HYPERLINK(""http://x"")",12345,not-an-email`,
      '4,No phone or email,Chitra,,',
    ]);
  });

  it('lets the seller override the detected delimiter', async () => {
    const { user } = await mapper();
    await user.chooseFile(csv(['phone;email', '9876543210;a@example.com']));
    await user.waitForResult();
    expect(user.details()['Detected delimiter']).to.equal('Semicolon');
    expect(user.summary()).to.include({ Accepted: '1' });

    await user.chooseDelimiter('Comma');
    expect(user.preview().headers).to.deep.equal(['phone;email']);
    expect(user.column('Phone Column').invalid).to.equal(true);
    expect(user.summary()).to.equal(null);

    await user.chooseDelimiter('Semicolon');
    await user.waitForResult();
    expect(user.column('Phone Column')).to.include({ value: 'phone', invalid: false });
    expect(user.summary()).to.include({ Accepted: '1' });
  });

  it('marks a typed column that is not in the header, and revalidates when it is fixed', async () => {
    const { element, user } = await mapper();
    await user.chooseFile(customers());
    await user.waitForResult();

    const cleared = oneEvent(element, 'change');
    await user.typeColumn('Phone Column', 'mobile');
    await cleared;
    expect(user.column('Phone Column')).to.deep.equal({
      value: 'mobile',
      invalid: true,
      description:
        'No column named "mobile" in this file. Its columns are: name, phone, email. ' +
        'Pick a column of the file or type its exact header name.',
    });
    expect(user.summary()).to.equal(null);
    expect(element.value).to.equal(null);
    expect(element.validationMessage).to.contain('No column named "mobile"');

    await user.pickColumn('Phone Column', 'phone');
    await user.waitForResult();
    expect(user.column('Phone Column').invalid).to.equal(false);
    expect(user.summary()).to.include({ Accepted: '2' });
  });

  it('accepts a header with a space by default, matching it exactly', async () => {
    const { element, user } = await mapper();
    await user.chooseFile(csv(['Mobile Number,Email Id', '9876543210,a@example.com']));
    expect(user.column('Phone Column')).to.include({ value: 'Mobile Number', invalid: false });
    await user.waitForResult();
    expect(user.summary()).to.include({ Accepted: '1' });
    expect(element.value).to.include({ phoneColumn: 'Mobile Number', emailColumn: 'Email Id' });
  });

  it('groups thousands of rejected rows by why they failed, with counts', async () => {
    const lines = ['name,phone,email'];
    for (let i = 0; i < 5000; i++) {
      lines.push(i % 2 ? `n${i},${1000 + i},` : `n${i},,user${i}@nowhere`);
    }
    lines.push('ok,9876543210,');
    const { user } = await mapper();
    await user.chooseFile(csv(lines));
    await user.waitForResult();
    expect(user.reasons()).to.deep.equal([
      ['Email not valid; no phone', '2,500'],
      ['Phone number not valid; no email', '2,500'],
    ]);
  });

  it('groups rejections in the element’s language', async () => {
    const page = await fixture<HTMLDivElement>(
      html`<div lang="hi"><csv-mapper></csv-mapper></div>`,
    );
    const element = page.querySelector('csv-mapper')!;
    element.file = customers();
    await waitUntil(() => element.report !== null, 'never validated', { timeout: 15_000 });
    await element.updateComplete;
    const rows = [...element.shadowRoot!.querySelectorAll('.summary tbody tr')].map((tr) =>
      [...(tr as HTMLTableRowElement).cells].map((td) => td.textContent!.trim()),
    );
    expect(rows).to.deep.equal([
      ['न फ़ोन है, न ईमेल', '2'],
      ['न फ़ोन नंबर सही है, न ईमेल', '1'],
    ]);
  });

  it('under strict-headers, tells how to fix a mapped header with a space', async () => {
    const { element, user } = await mapper(html`<csv-mapper strict-headers></csv-mapper>`);
    await user.chooseFile(csv(['ph no,email', '9876543210,a@example.com']));

    const phone = user.column('Phone Column');
    expect(phone.value).to.equal('ph no');
    expect(phone.invalid).to.equal(true);
    expect(phone.description).to.contain('Rename it to "ph_no"');
    expect(user.preview().caption).to.equal('Preview: first row');
    expect(user.progress()).to.equal(null);
    expect(user.summary()).to.equal(null);
    expect(element.validity.customError).to.equal(true);
    expect(element.validationMessage).to.contain('"ph_no"');
  });

  it('shows why a file cannot be imported', async () => {
    const { element, user } = await mapper();
    await user.chooseFile(csv(['phone,email'], 'header-only.csv'));
    expect(user.alerts()).to.have.length(1);
    expect(user.alerts()[0]).to.match(/^This file cannot be imported /);
    expect(element.validity.customError).to.equal(true);
    expect(element.value).to.equal(null);
  });

  it('shows progress and stops when the seller cancels a long validation', async () => {
    const rows = Array.from(
      { length: 300_000 },
      (_, i) => `Customer ${i},98${String(10_000_000 + i)},customer${i}@example.com`,
    );
    const { element, user } = await mapper();
    let validated = 0;
    element.addEventListener('csv-validated', () => validated++);
    await user.chooseFile(csv(['name,phone,email', ...rows], 'big.csv'));

    const progress = await user.waitForProgress();
    expect(progress.text).to.match(/^Rows checked: [\d,]+ \(\d+%\)$/);
    await waitUntil(() => (user.progress()?.percent ?? 0) > 0, 'progress never moved', {
      timeout: 15_000,
    });
    await user.cancel();

    expect(user.progress()).to.equal(null);
    expect(user.shows('Validation cancelled.')).to.equal(true);
    expect(user.announcement()).to.equal('Validation cancelled.');
    expect(element.validity.customError).to.equal(true);
    // Nothing arrives later from the stopped worker.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(user.summary()).to.equal(null);
    expect(validated).to.equal(0);
    expect(element.report).to.equal(null);
    expect(user.button('Validate again')).to.equal(element.shadowRoot!.activeElement);
  });

  it('fires change and csv-validated with the report', async () => {
    const { element, user } = await mapper();
    const changes: (typeof element.value)[] = [];
    element.addEventListener('change', () => changes.push(element.value));
    const validated = oneEvent(document, 'csv-validated') as Promise<CsvValidatedEvent>;

    await user.chooseFile(customers());
    const event = await validated;
    expect(event.composed).to.equal(true);
    expect(event.detail.report.rows).to.equal(6);
    expect(event.detail.report.accepted).to.have.length(2);
    expect(event.detail.report).to.equal(element.report);
    await element.updateComplete;
    expect(changes).to.deep.equal([element.value]);
    expect(changes[0]).to.include({ accepted: 2 });
  });

  it('blocks its form until a valid file is mapped, then submits the summary', async () => {
    const form = await fixture<HTMLFormElement>(html`
      <form>
        <csv-mapper name="customers" required></csv-mapper>
        <button>Submit</button>
      </form>
    `);
    const element = form.querySelector('csv-mapper')!;
    const user = new CsvMapperHarness(element);
    let submitted: FormData | null = null;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submitted = new FormData(form);
    });

    expect(form.checkValidity()).to.equal(false);
    expect(element.validity.valueMissing).to.equal(true);
    expect(element.validationMessage).to.equal('Choose a CSV file.');
    form.requestSubmit();
    expect(submitted).to.equal(null);

    await user.chooseFile(customers());
    expect(form.checkValidity(), 'invalid while checking').to.equal(false);
    await user.waitForResult();
    expect(form.checkValidity()).to.equal(true);
    form.requestSubmit();
    expect(submitted).not.to.equal(null);
    expect(JSON.parse(submitted!.get('customers') as string)).to.deep.equal(element.value);

    form.reset();
    await element.updateComplete;
    expect(element.value).to.equal(null);
    expect(element.file).to.equal(null);
    expect(user.hasField('Phone Column')).to.equal(false);
    expect(element.validity.valueMissing).to.equal(true);
  });

  it('is disabled with its fieldset and ignores dropped files then', async () => {
    const fieldset = await fixture<HTMLFieldSetElement>(html`
      <fieldset disabled><csv-mapper></csv-mapper></fieldset>
    `);
    const element = fieldset.querySelector('csv-mapper')!;
    const user = new CsvMapperHarness(element);
    await element.updateComplete;
    expect(user.button('Choose CSV file').disabled).to.equal(true);
    const { highlighted } = await user.dragAndDrop(customers());
    expect(highlighted).to.equal(false);
    expect(element.file).to.equal(null);
    expect(user.hasField('Phone Column')).to.equal(false);

    fieldset.disabled = false;
    await element.updateComplete;
    expect(user.button('Choose CSV file').disabled).to.equal(false);
  });

  it('labels every control and shows strings a host registers or overrides', async () => {
    registerTranslation('fr', { csvMapper: { dropHint: 'ou déposez-le ici' } });
    const { element, user } = await mapper(
      html`<csv-mapper
        lang="fr"
        .strings=${{ chooseFile: 'Choisir un fichier CSV' }}
      ></csv-mapper>`,
    );
    expect(user.shows('ou déposez-le ici')).to.equal(true);
    // Keys the French table lacks fall back to English.
    expect(user.shows('A header row with a phone column and an email column.')).to.equal(true);
    expect(() => user.button('Choisir un fichier CSV')).not.to.throw();
    element.strings = {};
    element.lang = 'en';
    await element.updateComplete;
    await user.chooseFile(customers());
    await user.waitForResult();
    expect(user.controls()).to.deep.equal([
      'button "Replace file"',
      'combobox "Delimiter"',
      'combobox "Phone Column"',
      'combobox "Email Column"',
      'button "Download rejected rows"',
    ]);
  });

  it('speaks Hindi under a lang="hi" ancestor, numbers and plurals included', async () => {
    const page = await fixture<HTMLDivElement>(
      html`<div lang="hi"><csv-mapper></csv-mapper></div>`,
    );
    const element = page.querySelector('csv-mapper')!;
    const user = new CsvMapperHarness(element, {
      chooseFile: 'CSV फ़ाइल चुनें',
      delimiter: 'विभाजक',
      replaceFile: 'फ़ाइल बदलें',
    });
    expect(() => user.button('CSV फ़ाइल चुनें')).not.to.throw();
    await user.chooseFile(customers());
    expect(user.field('फ़ोन कॉलम').value).to.equal('phone');
    expect(accessibleCaption(element)).to.equal('झलक: पहली 5 पंक्तियाँ');
    page.lang = 'en';
    await waitUntil(() => user.hasField('Phone Column'), 'the ancestor lang change was ignored');
    expect(accessibleCaption(element)).to.equal('Preview: first 5 rows');
  });

  it('takes the seller to the result from inside another element’s shadow root', async () => {
    const shell = await fixture<MapperShell>(html`<mapper-shell></mapper-shell>`);
    const element = shell.shadowRoot!.querySelector('csv-mapper')!;
    await element.updateComplete;
    const user = new CsvMapperHarness(element);
    user.button('Choose CSV file').focus();
    await user.chooseFile(customers());
    await user.waitForResult();
    await element.updateComplete;
    expect(element.shadowRoot!.activeElement?.textContent).to.equal('Validation result');

    // Focus elsewhere in the host's shadow root is left alone.
    const search = shell.shadowRoot!.querySelector('input')!;
    search.focus();
    await user.chooseFile(csv(['phone,email', '9876543210,']));
    await user.waitForResult();
    await element.updateComplete;
    expect(shell.shadowRoot!.activeElement).to.equal(search);
  });
});

const accessibleCaption = (element: CsvMapper) =>
  element.shadowRoot!.querySelector('caption')!.textContent!.trim();
