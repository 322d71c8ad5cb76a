import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import {
  parseCustomerCsvInWorker,
  peekCustomerCsvInWorker,
  rejectedRowsToCsv,
  type CsvPeek,
  type CsvProgress,
  type CsvReport,
  type CsvSummary,
} from '../../src/core.ts';
import { FormAssociatedElement } from '../shared/form-associated.ts';
import { CsvValidatedEvent, changeEvent } from '../shared/events.ts';
import { LocalizeController, format } from '../shared/localize.ts';
import { isAbort } from '../shared/error-messages.ts';
import { focusIsIdle } from '../shared/focus.ts';
import { csvMapperStyles } from './csv-mapper.styles.ts';
import { DropZoneController } from './csv-mapper.drop-zone.ts';
import { downloadText, findProblems, issueMessage, looksLikeCsv } from './csv-mapper.logic.ts';
import {
  cancelledTemplate,
  issuesTemplate,
  mappingTemplate,
  progressTemplate,
  summaryTemplate,
} from './csv-mapper.templates.ts';
import type { MappingState, View } from './csv-mapper.templates.ts';
import type { ColumnField, CsvMapperStrings, Phase, Problems } from './csv-mapper.logic.ts';
import type { Translation } from '../shared/localize.ts';

const PREVIEW_ROWS = 5;
const MILESTONES = [25, 50, 75];

/**
 * A file comes from the "Choose CSV file" button, a drop on the drop zone, or the `file`
 * property. The detected delimiter can be overridden; "Phone Column" and "Email Column" are
 * matched from the header and can be picked or typed. Validation starts as soon as both columns
 * are mapped and can be cancelled.
 *
 * Form-associated: under `name`, the form value is a JSON string of `value` (the
 * `Segment['csv']` summary), absent while there is no valid result. The element is invalid with
 * `valueMissing` when `required` and no file is chosen, and with `customError` (the message
 * says why) while a chosen file is being checked, cannot be imported, has a column that is not
 * in its header, or imports no row. A form reset clears it.
 *
 * Strings: every visible text comes from the `csvMapper` section of the translation table of
 * the element's language (`lang`, an ancestor's or the document's; see
 * `components/shared/localize.ts`); override some for one element through `strings`.
 *
 * @tag csv-mapper
 * @summary Reads a customer CSV in a Web Worker, maps its phone and email columns, validates
 *   every row and reports what would be imported, without blocking the page.
 *
 * @event change - `value` changed (a validation finished with a different result, or a new
 *   file or mapping cleared it). Not fired on form reset.
 * @event csv-validated - A validation finished; `event.detail.report` is the `CsvReport`,
 *   including its file-level `issues`.
 *
 * @csspart drop-zone - The area that takes a dropped file; has the `drag-over` class while a
 *   file is dragged over it (the host then matches `:state(drag-over)`).
 * @csspart choose-button - The "Choose CSV file" button.
 * @csspart file-details - File name, detected delimiter and encoding.
 * @csspart field - Each of the Delimiter, Phone Column and Email Column fields.
 * @csspart field-error - The error message under a column field.
 * @csspart issues - The alert listing file-level problems.
 * @csspart preview - The table of the first rows, mapped columns highlighted.
 * @csspart progress - The progress bar, row count and Cancel button.
 * @csspart summary - The validation result: numbers, rejected reasons, download button.
 * @csspart download-button - The "Download rejected rows" button.
 *
 * @cssproperty --us-font-family - Font of the element.
 * @cssproperty --us-color-text - Text colour.
 * @cssproperty --us-color-muted - Secondary text (hints, labels of numbers).
 * @cssproperty --us-color-border - Borders of fields, tables and the drop zone.
 * @cssproperty --us-color-accent - Primary buttons, progress bar, drop zone while dragging.
 * @cssproperty --us-color-accent-contrast - Text on accent backgrounds.
 * @cssproperty --us-color-danger - Errors.
 * @cssproperty --us-color-surface - Drop zone, input and select background.
 * @cssproperty --us-color-drop-active - Drop zone background while a file is dragged over it.
 * @cssproperty --us-color-highlight - Mapped columns in the preview.
 * @cssproperty --us-color-scroll-shadow - Shade at an edge of the preview with more columns beyond it (the text colour, faded, by default).
 * @cssproperty --us-color-button - Background of secondary buttons.
 * @cssproperty --us-color-track - Progress bar track.
 * @cssproperty --us-focus-ring - Outline of the focused control.
 * @cssproperty --us-radius - Corner radius.
 * @cssproperty --us-spacing - Base gap between parts.
 */
export class CsvMapper extends FormAssociatedElement {
  static override styles = csvMapperStyles;

  /** ISO 3166 alpha-2 country for phone numbers written without a country code. */
  @property({ attribute: 'default-country' }) defaultCountry = 'IN';

  /**
   * The help page's header rule, for hosts whose backend needs it: a mapped column whose header
   * has a space is an error that says how to rename it ("ph no" → "ph_no"). Without it such
   * headers are matched exactly like any other.
   */
  @property({ type: Boolean, attribute: 'strict-headers' }) strictHeaders = false;

  /** Overrides of this element's strings, over the table of its language. */
  @property({ attribute: false }) strings: Partial<Translation['csvMapper']> = {};

  /** The chosen file; setting it reads and validates it as if the user had chosen it. */
  @property({ attribute: false }) file: File | null = null;

  @state() private phase: Phase = 'empty';
  @state() private peek: CsvPeek | null = null;
  @state() private delimiter = '';
  @state() private phoneColumn = '';
  @state() private emailColumn = '';
  @state() private lastReport: CsvReport | null = null;
  @state() private progress: CsvProgress | null = null;
  @state() private fileError = '';
  @state() private announcement = '';

  @query('.choose') private chooseButton!: HTMLButtonElement;

  private readonly localize = new LocalizeController(this);

  private readonly dropZone = new DropZoneController(this, {
    onFile: (file) => this.takeFile(file),
    // Hosts style the drag through `:state(drag-over)`.
    onDragChange: (dragOver) => this.toggleState('drag-over', dragOver),
  });

  /**
   * Reads the start of the file in the worker. A newer read (another file, another delimiter)
   * aborts the older one, whose answer Task then ignores.
   */
  private readonly reading = new Task(this, {
    autoRun: false,
    task: ([file, delimiter]: readonly [File, string | undefined], { signal }) =>
      peekCustomerCsvInWorker(file, { delimiter, previewRows: PREVIEW_ROWS, signal }),
    onComplete: (peek) => this.onRead(peek),
    onError: (error) => this.onReadFailed(error),
  });

  /** Validates every row in the worker; a newer validation or Cancel aborts the running one. */
  private readonly validation = new Task(this, {
    autoRun: false,
    task: ([file, options]: readonly [File, ValidationOptions], { signal }) =>
      parseCustomerCsvInWorker(file, {
        ...options,
        signal,
        onProgress: (progress) => {
          if (!signal.aborted) this.onProgress(progress);
        },
      }),
    onComplete: (report) => this.finish(report),
    onError: (error) => this.onValidationFailed(error),
  });

  /** The columns of the running or finished validation (the fields may be edited meanwhile). */
  private validated = { phoneColumn: '', emailColumn: '' };
  private lastMilestone = 0;
  private lastFormValue = 'null';
  private focusSummaryWhenDone = false;

  /** The `Segment['csv']` summary of the last clean validation, or null. */
  get value(): CsvSummary | null {
    const report = this.lastReport;
    if (this.phase !== 'done' || !report || !this.file || report.issues.length) return null;
    return {
      fileName: this.file.name,
      ...this.validated,
      accepted: report.accepted.length,
      rejected: report.rejected.length,
      duplicates: report.duplicates,
    };
  }

  /** The `CsvReport` of the last finished validation, or null. */
  get report(): CsvReport | null {
    return this.lastReport;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the DOM mid-validation (a host re-rendering its form): start it again.
    if (this.phase === 'validating') this.validate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A removed element must not keep a worker busy.
    this.validation.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('file')) this.readFile();
    else if ((changed.has('defaultCountry') || changed.has('strictHeaders')) && this.peek)
      this.validate();
  }

  protected override updated(): void {
    this.syncForm();
  }

  protected override render(): TemplateResult {
    const l = this.localize;
    const view: View = {
      s: this.t,
      rejections: l.section('csvRejections'),
      n: (value) => l.number(value),
      plural: (forms, count) => l.plural(forms, count),
    };
    const { phase, peek, progress, lastReport: report } = this;
    const problems = this.problems;
    const mapping = peek && this.mappingState(peek, problems.columns);
    return html`
      <div class="stack">
        ${this.dropZone.render(view.s, this.isDisabled, this.file !== null)}
        ${issuesTemplate(view, problems.file)}
        ${mapping ? mappingTemplate(view, mapping, this.on) : nothing}
        ${phase === 'validating' && progress ? progressTemplate(view, progress, this.on) : nothing}
        ${phase === 'cancelled' ? cancelledTemplate(view, this.on) : nothing}
        ${
          phase === 'done' && report && !report.issues.length
            ? summaryTemplate(view, report, this.on)
            : nothing
        }
        <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
      </div>
    `;
  }

  protected override resetValue(): void {
    this.file = null;
    this.lastFormValue = 'null';
  }

  protected override get validationAnchor(): HTMLElement | undefined {
    return this.chooseButton ?? undefined;
  }

  private get t(): CsvMapperStrings {
    return this.localize.section('csvMapper', this.strings);
  }

  // ---- user actions ----

  /** The callbacks the templates bind; arrows, so `this` is always the element. */
  private readonly on = {
    delimiterChange: (event: Event) => this.onDelimiterChange(event),
    columnInput: (field: ColumnField, event: Event) => this.onColumnInput(field, event),
    columnChange: () => this.validate(),
    cancel: () => this.cancel(),
    again: () => this.validate(),
    download: () => this.downloadRejected(),
  };

  private mappingState(peek: CsvPeek, errors: Problems['columns']): MappingState {
    return {
      fileName: this.file?.name ?? '',
      peek,
      delimiter: this.delimiter,
      busy: this.phase === 'reading' || this.isDisabled,
      columns: {
        phone: { value: this.phoneColumn, error: errors.phone },
        email: { value: this.emailColumn, error: errors.email },
      },
    };
  }

  private takeFile(file: File): void {
    this.focusSummaryWhenDone = true;
    this.file = file;
  }

  private onDelimiterChange(event: Event): void {
    this.delimiter = (event.target as HTMLSelectElement).value;
    this.readFile(this.delimiter);
  }

  private onColumnInput(field: ColumnField, event: Event): void {
    const text = (event.target as HTMLInputElement).value;
    if (field === 'phone') this.phoneColumn = text;
    else this.emailColumn = text;
  }

  private cancel(): void {
    if (this.phase !== 'validating') return;
    this.validation.abort();
    this.phase = 'cancelled';
    this.progress = null;
    this.announcement = this.t.announceCancelled;
    this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLButtonElement>('.again')?.focus(),
    );
  }

  private downloadRejected(): void {
    if (!this.lastReport || !this.file) return;
    const base = this.file.name.replace(/\.[^.]*$/, '');
    downloadText(
      this.renderRoot,
      rejectedRowsToCsv(this.lastReport),
      format(this.t.downloadFileName, { name: base }),
    );
  }

  // ---- reading and validating ----

  /** Reads the start of the file (again, with a delimiter override) and maps its columns. */
  private readFile(delimiter?: string): void {
    const file = this.file;
    this.validation.abort();
    this.reading.abort();
    this.lastReport = null;
    this.progress = null;
    this.fileError = '';
    if (!delimiter) {
      this.peek = null;
      this.phoneColumn = '';
      this.emailColumn = '';
    }
    if (!file) {
      this.phase = 'empty';
      this.announcement = '';
      this.dropZone.clear();
      return;
    }
    if (!looksLikeCsv(file)) {
      this.phase = 'empty';
      this.fileError = format(this.t.notCsv, { name: file.name });
      return;
    }
    this.phase = 'reading';
    this.announcement = format(this.t.reading, { name: file.name });
    this.reading.run([file, delimiter]);
  }

  private onRead(peek: CsvPeek): void {
    // A column the user already mapped survives a delimiter change if the new header has it.
    const keep = (typed: string, suggested?: string) =>
      typed && peek.headers.includes(typed) ? typed : (suggested ?? '');
    this.phoneColumn = keep(this.phoneColumn, peek.suggested.phoneColumn);
    this.emailColumn = keep(this.emailColumn, peek.suggested.emailColumn);
    this.peek = peek;
    this.delimiter = peek.delimiter;
    this.phase = 'mapping';
    const { blocked, file: problems } = this.problems;
    if (blocked) {
      this.announcement = format(this.t.announceIssues, { message: problems[0] });
      return;
    }
    this.validate();
  }

  private onReadFailed(error: unknown): void {
    // Aborted by a newer read or a cleared file: that one sets the state.
    if (isAbort(error) || !this.file) return;
    this.phase = 'empty';
    this.fileError = format(this.t.readFailed, { name: this.file.name, message: messageOf(error) });
  }

  /** Validates every row in the worker with the mapped columns; a newer call supersedes it. */
  private validate(): void {
    const file = this.file;
    const peek = this.peek;
    this.validation.abort();
    this.lastReport = null;
    this.progress = null;
    if (!file || !peek || this.phase === 'reading') return;
    this.phase = 'mapping';
    this.fileError = '';
    const problems = this.problems;
    if (problems.blocked || Object.keys(problems.columns).length) return;

    this.validated = { phoneColumn: this.phoneColumn, emailColumn: this.emailColumn };
    this.phase = 'validating';
    this.progress = { rows: 0, bytes: 0, totalBytes: file.size };
    this.lastMilestone = 0;
    this.announcement = format(this.t.announceStarted, { name: file.name });
    this.validation.run([
      file,
      {
        ...this.validated,
        defaultCountry: this.defaultCountry,
        delimiter: this.delimiter,
        strictHeaders: this.strictHeaders,
      },
    ]);
  }

  private onValidationFailed(error: unknown): void {
    // Cancelled, superseded or disconnected: whoever aborted it set the state.
    if (isAbort(error) || this.phase !== 'validating') return;
    this.phase = 'mapping';
    this.progress = null;
    this.fileError = format(this.t.validationFailed, { message: messageOf(error) });
    this.announcement = this.fileError;
  }

  private onProgress(progress: CsvProgress): void {
    this.progress = progress;
    const percent = progress.totalBytes ? (progress.bytes / progress.totalBytes) * 100 : 0;
    const milestone = MILESTONES.filter((m) => percent >= m).pop() ?? 0;
    if (milestone > this.lastMilestone) {
      this.lastMilestone = milestone;
      this.announcement = format(this.t.announceProgress, {
        percent: milestone,
        rows: this.localize.number(progress.rows),
      });
    }
  }

  private async finish(report: CsvReport): Promise<void> {
    const n = (value: number) => this.localize.number(value);
    this.progress = null;
    this.lastReport = report;
    this.phase = 'done';
    this.announcement = report.issues.length
      ? format(this.t.announceIssues, {
          message: issueMessage(report.issues[0], this.localize.section('csvIssues')),
        })
      : format(this.t.announceDone, {
          accepted: n(report.accepted.length),
          rejected: n(report.rejected.length),
          duplicates: n(report.duplicates),
          rows: n(report.rows),
        });
    await this.updateComplete;
    this.dispatchEvent(new CsvValidatedEvent(report));
    // Follow the user to the result, but never pull focus from elsewhere on the page. The
    // active element is looked for through shadow roots: a host may put this element in its own.
    if (this.focusSummaryWhenDone && focusIsIdle(this)) {
      this.focusSummaryWhenDone = false;
      this.renderRoot.querySelector<HTMLElement>('#summary-heading')?.focus();
    }
  }

  private get problems(): Problems {
    return findProblems(
      {
        phase: this.phase,
        file: this.file,
        fileError: this.fileError,
        peek: this.peek,
        columns: { phone: this.phoneColumn, email: this.emailColumn },
        report: this.lastReport,
        strictHeaders: this.strictHeaders,
      },
      this.t,
      this.localize.section('csvIssues'),
    );
  }

  private syncForm(): void {
    const s = this.t;
    const value = this.value;
    const formValue = JSON.stringify(value);
    this.setFormValue(value ? formValue : null);
    const problem = this.problems.customError;
    if (problem) this.setValidity({ customError: true }, problem);
    else if (!value && this.required) this.setValidity({ valueMissing: true }, s.invalidMissing);
    else this.setValidity();
    if (formValue !== this.lastFormValue) {
      this.lastFormValue = formValue;
      this.dispatchEvent(changeEvent());
    }
  }
}

interface ValidationOptions {
  phoneColumn: string;
  emailColumn: string;
  defaultCountry: string;
  delimiter: string;
  strictHeaders: boolean;
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
