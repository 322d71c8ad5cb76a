/**
 * Drives a `<csv-mapper>` the way a seller does — choose or drop a file, pick or type a column,
 * change the delimiter, cancel, download — and reads back what they would see, finding
 * everything by role and accessible name.
 */
import { waitUntil } from '@open-wc/testing';
import type { CsvMapper } from '../../components/csv-mapper/csv-mapper.component.ts';
import {
  accessibleDescription,
  accessibleName,
  getAllByRole,
  getByRole,
  isShown,
  queryByRole,
  roleOf,
} from './queries.ts';

/** Validation of a generated file can take a few seconds on a busy machine. */
const WAIT = { timeout: 15_000, interval: 20 };

export class CsvMapperHarness {
  /**
   * `labels`: the names the seller sees, when the element is not in English (the harness finds
   * controls by name, as a screen-reader user would).
   */
  constructor(
    readonly element: CsvMapper,
    private readonly labels: { chooseFile: string; delimiter: string; replaceFile?: string } = {
      chooseFile: 'Choose CSV file',
      delimiter: 'Delimiter',
    },
  ) {}

  private get root(): ShadowRoot {
    const root = this.element.shadowRoot;
    if (!root) throw new Error('<csv-mapper> has no shadow root');
    return root;
  }

  button(name: string | RegExp): HTMLButtonElement {
    return getByRole(this.root, 'button', { name }) as HTMLButtonElement;
  }

  /** A column field or the delimiter select, by its label. */
  field(label: string): HTMLInputElement | HTMLSelectElement {
    return getByRole(this.root, 'combobox', { name: label }) as HTMLInputElement;
  }

  hasField(label: string): boolean {
    return queryByRole(this.root, 'combobox', { name: label }) !== null;
  }

  /**
   * Clicks "Choose CSV file", and in the picker that opens chooses `file`. Fails when the button
   * does not open a file picker.
   */
  async chooseFile(file: File): Promise<void> {
    let picker: HTMLInputElement | null = null;
    const intercept = (event: Event) => {
      const target = event.composedPath()[0];
      if (target instanceof HTMLInputElement && target.type === 'file') {
        picker = target;
        event.preventDefault(); // no native dialog in a headless test
      }
    };
    this.root.addEventListener('click', intercept, { capture: true });
    try {
      // "Choose CSV file"; once a file is chosen, "Replace file".
      const replace = this.labels.replaceFile ?? 'Replace file';
      (
        queryByRole(this.root, 'button', { name: this.labels.chooseFile }) ?? this.button(replace)
      ).click();
    } finally {
      this.root.removeEventListener('click', intercept, { capture: true });
    }
    const input = picker as HTMLInputElement | null;
    if (!input) throw new Error(`"${this.labels.chooseFile}" did not open a file picker`);
    const accept = input.accept.split(',');
    if (!accept.includes('.csv'))
      throw new Error(`the picker does not offer .csv (${input.accept})`);
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await this.waitForFileRead();
  }

  /** Drops `file` on the drop zone and waits until it is read; says whether the zone lit up. */
  async dropFile(file: File): Promise<{ highlighted: boolean }> {
    const result = await this.dragAndDrop(file);
    await this.waitForFileRead();
    return result;
  }

  /** Drags `file` over the drop zone and drops it; returns whether the zone showed the drag. */
  async dragAndDrop(file: File): Promise<{ highlighted: boolean }> {
    const zone = getByRole(this.root, 'group', { name: 'CSV file' });
    const transfer = new DataTransfer();
    transfer.items.add(file);
    const drag = (type: string) =>
      zone.dispatchEvent(
        new DragEvent(type, {
          dataTransfer: transfer,
          bubbles: true,
          cancelable: true,
          composed: true,
        }),
      );
    drag('dragenter');
    drag('dragover');
    await this.element.updateComplete;
    const highlighted = this.element.matches(':state(drag-over)');
    drag('drop');
    await this.element.updateComplete;
    return { highlighted };
  }

  /** Waits until the file's header is shown (or why it cannot be read). */
  async waitForFileRead(): Promise<void> {
    await this.element.updateComplete;
    await waitUntil(
      () =>
        this.alerts().length > 0 ||
        (this.hasField(this.labels.delimiter) &&
          !(this.field(this.labels.delimiter) as HTMLSelectElement).disabled),
      'the file was never read',
      WAIT,
    );
  }

  /** Waits until validation has finished: a result, a file-level problem or a column error. */
  async waitForResult(): Promise<void> {
    await this.element.updateComplete;
    await waitUntil(
      () => this.progress() === null && !this.isReading(),
      'validation never ended',
      WAIT,
    );
  }

  /** Picks `header` from the suggestions of a column field, as from its drop-down list. */
  async pickColumn(label: string, header: string): Promise<void> {
    const input = this.field(label) as HTMLInputElement;
    const options = [...(input.list?.options ?? [])].map((o) => o.value);
    if (!options.includes(header))
      throw new Error(`"${header}" is not offered; offered: ${options.join(', ')}`);
    await this.typeColumn(label, header);
  }

  /** Types `text` into a column field and leaves the field. */
  async typeColumn(label: string, text: string): Promise<void> {
    const input = this.field(label) as HTMLInputElement;
    input.focus();
    input.value = text;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    input.blur();
    await this.element.updateComplete;
  }

  async chooseDelimiter(name: string): Promise<void> {
    const select = this.field('Delimiter') as HTMLSelectElement;
    const option = [...select.options].find((o) => o.text.trim() === name);
    if (!option) throw new Error(`no delimiter "${name}"`);
    select.value = option.value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await this.waitForFileRead();
  }

  /** The value a column field shows, whether it is marked invalid, and its description. */
  column(label: string): { value: string; invalid: boolean; description: string } {
    const input = this.field(label) as HTMLInputElement;
    return {
      value: input.value,
      invalid: input.getAttribute('aria-invalid') === 'true',
      description: accessibleDescription(input),
    };
  }

  /** Label → value pairs of the file details (File, Detected delimiter, Encoding). */
  details(): Record<string, string> {
    return termsOf(this.root.querySelector('[part~="file-details"]'));
  }

  preview(): { caption: string; headers: string[]; rows: string[][] } {
    const table = getByRole(this.root, 'table', { name: /^Preview/ }) as HTMLTableElement;
    const cells = (row: HTMLTableRowElement) => [...row.cells].map((c) => accessibleName(c));
    return {
      caption: accessibleName(table),
      headers: cells(table.tHead!.rows[0]),
      rows: [...table.tBodies[0].rows].map(cells),
    };
  }

  progress(): { percent: number; text: string } | null {
    const bar = queryByRole(this.root, 'progressbar', { name: 'Validation progress' });
    if (!bar) return null;
    return {
      percent: Number(bar.getAttribute('aria-valuenow')),
      text: bar.getAttribute('aria-valuetext') ?? '',
    };
  }

  async waitForProgress(): Promise<{ percent: number; text: string }> {
    await waitUntil(() => this.progress() !== null, 'no progress bar appeared', WAIT);
    return this.progress()!;
  }

  async cancel(): Promise<void> {
    this.button('Cancel').click();
    await this.element.updateComplete;
  }

  /** The validation result as shown: Accepted, Rejected, Duplicates, Total rows. */
  summary(): Record<string, string> | null {
    const region = queryByRole(this.root, 'region', { name: 'Validation result' });
    return region ? termsOf(region) : null;
  }

  /** Rows of the "Rejected rows by reason" table: [reason, count as shown]. */
  reasons(): [string, string][] {
    const table = queryByRole(this.root, 'table', { name: 'Rejected rows by reason' });
    if (!table) return [];
    return [...(table as HTMLTableElement).tBodies[0].rows].map((row) => [
      accessibleName(row.cells[0]),
      accessibleName(row.cells[1]),
    ]);
  }

  /** Texts of the alerts (file-level problems). */
  alerts(): string[] {
    return getAllByRole(this.root, 'alert').map((el) => accessibleName(el) || text(el));
  }

  /** What the live region last announced. */
  announcement(): string {
    return getAllByRole(this.root, 'status').map(text).join(' ');
  }

  /** Every control a keyboard user can reach, as `role "accessible name"`, in order. */
  controls(): string[] {
    return [...this.root.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href]')]
      .filter((el) => isShown(el) && el.tabIndex >= 0)
      .map((el) => `${roleOf(el)} "${accessibleName(el)}"`);
  }

  /** Whether the element shows `text` anywhere (visible text only). */
  shows(text: string): boolean {
    return this.visibleText().includes(text);
  }

  /**
   * Clicks "Download rejected rows" and catches the download the browser would start: the file
   * name of the link and the text behind its object URL.
   */
  async downloadRejected(): Promise<{ fileName: string; text: string }> {
    let link: HTMLAnchorElement | null = null;
    const intercept = (event: Event) => {
      const target = event.composedPath()[0];
      if (target instanceof HTMLAnchorElement && target.hasAttribute('download')) {
        link = target;
        event.preventDefault(); // keep the file out of the test browser's downloads
      }
    };
    this.root.addEventListener('click', intercept, { capture: true });
    try {
      this.button('Download rejected rows').click();
    } finally {
      this.root.removeEventListener('click', intercept, { capture: true });
    }
    const clicked = link as HTMLAnchorElement | null;
    if (!clicked) throw new Error('no download was started');
    if (!clicked.href.startsWith('blob:'))
      throw new Error(`download is not an object URL: ${clicked.href}`);
    const response = await fetch(clicked.href);
    return { fileName: clicked.download, text: await response.text() };
  }

  private isReading(): boolean {
    return this.hasField('Delimiter') && (this.field('Delimiter') as HTMLSelectElement).disabled;
  }

  private visibleText(): string {
    const walker = document.createTreeWalker(this.root, NodeFilter.SHOW_TEXT);
    const parts: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (parent?.checkVisibility({ visibilityProperty: true })) parts.push(node.textContent ?? '');
    }
    return parts.join(' ').replace(/\s+/g, ' ');
  }
}

/** `<dt>`/`<dd>` pairs under `root` as label → text. */
function termsOf(root: Element | null): Record<string, string> {
  const terms: Record<string, string> = {};
  for (const dt of root?.querySelectorAll('dt') ?? []) {
    const dd = dt.nextElementSibling;
    if (dd?.localName === 'dd') terms[text(dt)] = text(dd);
  }
  return terms;
}

const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
