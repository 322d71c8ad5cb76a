import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import {
  IncompleteSegmentError,
  isSegmentError,
  saveCsvSegment,
  type CsvReport,
  type CsvSummary,
  type FilterGroup,
  type ReopenMode,
  type Segment,
  type SegmentAdapter,
  type SegmentDraft,
} from '../../src/core.ts';
import { SegmentAdapterController } from '../shared/adapter.ts';
import { AdapterTask } from '../shared/adapter-task.ts';
import { errorMessage, isAbort } from '../shared/error-messages.ts';
import { LocalizeController } from '../shared/localize.ts';
import { SegmentEvent, segmentCancelEvent } from '../shared/events.ts';
import { segmentFormStyles } from './segment-form.styles.ts';
import { FormInsight } from './segment-form.insight.ts';

const MAX_NAME = 100;
const emptyFilter = (): FilterGroup => ({ combinator: 'and', rules: [] });

/**
 * What `<segment-form>` needs of the rule editor and the CSV mapper: their public contract,
 * nothing internal — `value`, validity, and `change` events.
 */
interface FilterBuilderElement extends HTMLElement {
  value: FilterGroup;
  readonly validity: ValidityState;
  readonly validationMessage: string;
  checkValidity(): boolean;
}
interface CsvMapperElement extends HTMLElement {
  readonly value: CsvSummary | null;
  readonly report: CsvReport | null;
  readonly validationMessage: string;
  checkValidity(): boolean;
}

/** The types a seller can create. */
type SegmentKind = SegmentDraft['type'];

/**
 * Creates a segment, or edits the one named by `segment-id`. "Name" (required, 1–100
 * characters, unique in the store: a taken name is reported on the field as you type and on
 * Submit), "Type" (CSV or Filter; fixed when editing), then a `<csv-mapper>` or a
 * `<filter-builder>`, "Submit" and "Cancel".
 *
 * A CSV segment is saved with `saveCsvSegment` (user-segments/core): created, then its contacts
 * sent in batches under a progress bar, then its import finished; if that fails the half-made
 * segment is removed and the form says so, or, when it could not be removed, the form says how
 * far it got and Submit becomes "Resume upload" (never a second create). Opened on a CSV segment
 * that is still importing (`segment-id`, e.g. from the list's Resume), the form asks for the same
 * file and sends only the contacts that are not in yet. Editing a ready CSV segment offers
 * "Keep the contacts", "Add contacts from a file" and "Replace all contacts": the last two open
 * the same `<csv-mapper>`, and Submit sends the file into the segment (saveCsvSegment `into`)
 * under the progress bar, then says how many contacts were added, or the new total. Until the
 * whole file is in, the segment keeps its old contacts (and reads as importing); a failed upload
 * puts it back as it was, and a reopened upload left importing (a closed tab) can be resumed or
 * dropped with "Keep the old contacts". An edit saves with the version it loaded; when someone else saved meanwhile the
 * form offers "Reload theirs" or "Keep mine" instead of overwriting. Nothing typed is lost to an
 * error, and each message goes away as soon as its cause is fixed.
 *
 * @tag segment-form
 * @summary Create or edit a segment: name, type, and its CSV file or filter rules.
 *
 * @event segment-saved - The segment was created or updated; `detail.segment` as saved.
 * @event segment-cancel - Cancel was pressed.
 *
 * @csspart form - The form.
 * @csspart title - The "New segment" / "Edit segment" heading.
 * @csspart field - The Name field, the Type group and, editing a CSV segment, the Contacts group.
 * @csspart field-error - A message under a field.
 * @csspart csv-mapper - The embedded `<csv-mapper>`.
 * @csspart filter-builder - The embedded `<filter-builder>`.
 * @csspart progress - The upload progress of a CSV segment.
 * @csspart error - A message about the whole form, with its choices.
 * @csspart saved-note - What the last save did to a CSV segment's contacts ("Added 40 new contacts…").
 * @csspart buttons - The row of Submit and Cancel.
 * @csspart submit-button - Submit.
 * @csspart cancel-button - Cancel.
 * @csspart insight - Under the rules of a filter segment: impact, preview and "Check a customer".
 * @csspart impact - "+120 join · 45 leave" against the saved rules, while editing.
 * @csspart impact-button - One of those numbers; it lists the customers it stands for.
 * @csspart impact-list - The customers who would join or leave.
 * @csspart preview - The first ten customers the rules match.
 * @csspart check - "Check a customer": search and the explanation.
 * @csspart explanation - Each condition for the chosen customer, with ✓ or ✗.
 *
 * @cssproperty --us-font-family - Font of the element.
 * @cssproperty --us-color-text - Text colour.
 * @cssproperty --us-color-muted - Hints.
 * @cssproperty --us-color-border - Field borders.
 * @cssproperty --us-color-accent - Submit, progress bar, focus ring.
 * @cssproperty --us-color-accent-contrast - Text on accent backgrounds.
 * @cssproperty --us-color-danger - Errors.
 * @cssproperty --us-color-surface - Background of fields.
 * @cssproperty --us-color-button - Background of secondary buttons.
 * @cssproperty --us-color-track - Progress bar track.
 * @cssproperty --us-focus-ring - Outline of the focused control.
 * @cssproperty --us-radius - Corner radius.
 * @cssproperty --us-spacing - Base gap between parts.
 */
export class SegmentForm extends LitElement {
  static override styles = segmentFormStyles;

  /** The adapter; without it, the one provided by an ancestor (`provideSegmentAdapter`). */
  @property({ attribute: false }) adapter?: SegmentAdapter;

  /** Edit this segment; empty: create a new one. */
  @property({ attribute: 'segment-id' }) segmentId = '';

  /** The type a new segment starts with. */
  @property({ attribute: 'default-type' }) defaultType: SegmentDraft['type'] = 'csv';

  /** Passed on to `<csv-mapper>`: the country of phone numbers without a country code. */
  @property({ attribute: 'default-country' }) defaultCountry = 'IN';

  /**
   * IANA time zone in which "Check a customer" reads calendar days; set it to the store's (the
   * one its adapter counts in). Defaults to the browser's.
   */
  @property({ attribute: 'time-zone' }) timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  /** ISO 4217 currency of money values in the preview and "Check a customer". */
  @property() currency = 'INR';

  /** Contacts per `addMembers` call when saving a CSV segment. */
  @property({ type: Number, attribute: 'batch-size' }) batchSize = 1_000;

  @state() private name = '';
  @state() private type: SegmentKind = 'csv';
  /**
   * The filter handed to `<filter-builder>`: a new object only when a segment is loaded or the
   * form starts afresh, and set only then (Lit sets an object-valued property on every render
   * unless guarded). The builder owns the rules while the seller edits; writing its value back
   * would rebuild its rows under the seller's hands (focus lost, typing wiped, every new
   * condition marked as touched).
   */
  @state() private initialFilter: FilterGroup = emptyFilter();
  /** The builder's latest value, from its `input` and `change` events. */
  private filter: FilterGroup = this.initialFilter;
  /** The segment being edited, as loaded (its version is what a save expects). */
  @state() private loaded: Segment | null = null;
  @state() private submitted = false;
  @state() private nameTouched = false;
  /** A name the adapter refused as taken; the message shows while the name is unchanged. */
  @state() private takenName = '';
  @state() private formError = '';
  @state() private issues: string[] = [];
  @state() private conflict = false;
  @state() private saving = false;
  @state() private progress: { sent: number; total: number } | null = null;
  /** A new segment whose upload stopped and was kept: Submit resumes it instead of creating. */
  @state() private pendingResume: Segment | null = null;
  /** Editing a ready CSV segment: keep its contacts, or add or replace them from a file. */
  @state() private contactsMode: 'keep' | ReopenMode = 'keep';
  /** What the last save did to a CSV segment's contacts, said once it is done. */
  @state() private savedNote = '';
  /** Bumped on every edit of the parts, to re-check their validity in render. */
  @state() private edits = 0;

  @query('#name') private nameInput?: HTMLInputElement;
  @query('dialog[part~="leave-dialog"]') private leaveDialog?: HTMLDialogElement;
  @query('filter-builder') private builder?: FilterBuilderElement;
  @query('csv-mapper') private mapper?: CsvMapperElement;

  private readonly localize = new LocalizeController(this);
  private readonly adapters = new SegmentAdapterController(this);
  private readonly insight = new FormInsight(this, this.adapters, this.localize, {
    defaultCountry: () => this.defaultCountry,
    timeZone: () => this.timeZone,
    currency: () => this.currency,
  });
  /** For which segment id the fields were filled, so a refresh never overwrites typing. */
  private filledFor = '';

  private readonly loading = new AdapterTask(this, this.adapters, {
    args: () => [this.segmentId] as const,
    task: async (adapter, [id], { signal }) => (id ? adapter.getSegment(id, { signal }) : null),
  });

  /** Is the typed name another segment's? Asked as the seller types, 300 ms after they stop. */
  private readonly nameCheck = new AdapterTask(this, this.adapters, {
    args: () => [this.name.trim().toLowerCase(), this.segmentId] as const,
    delay: 300,
    task: async (adapter, [key, id], { signal }) => {
      if (!key) return { key, taken: false };
      const { items } = await adapter.listSegments(
        { scope: 'store', search: key, limit: 100 },
        { signal },
      );
      return { key, taken: items.some((s) => s.id !== id && s.name.trim().toLowerCase() === key) };
    },
  });

  /** Focuses the Name field (where a seller starts), once it is there if still loading. */
  override focus(options?: FocusOptions): void {
    const input = this.renderRoot?.querySelector<HTMLInputElement>('#name');
    if (input) input.focus(options);
    else this.focusWhenLoaded = true;
  }

  private focusWhenLoaded = false;

  protected override updated(): void {
    if (!this.focusWhenLoaded) return;
    const input = this.renderRoot.querySelector<HTMLInputElement>('#name');
    if (input) {
      this.focusWhenLoaded = false;
      input.focus();
    }
  }

  get editing(): boolean {
    return this.segmentId !== '';
  }

  /** The CSV segment being edited is still importing: the form finishes its upload. */
  private get resumingLoaded(): boolean {
    return this.editing && this.loaded?.status === 'importing';
  }

  /** The seller changed something that is not saved yet (or a save is under way). */
  get dirty(): boolean {
    return this.changed || this.saving;
  }

  /**
   * Asks "Leave without saving?" when there are unsaved changes; resolves true when there are
   * none or the seller chose to discard them. Hosts call it before they take the form away.
   */
  confirmDiscard(): Promise<boolean> {
    if (!this.dirty) return Promise.resolve(true);
    if (this.saving) return Promise.resolve(false);
    this.leaveAnswer?.(false);
    return new Promise((resolve) => {
      this.leaveAnswer = resolve;
      const dialog = this.leaveDialog;
      if (!dialog) return resolve(true);
      if (!dialog.open) dialog.showModal();
    });
  }

  private changed = false;
  private leaveAnswer?: (discard: boolean) => void;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeunload', this.onBeforeUnload);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeunload', this.onBeforeUnload);
  }

  /** Closing the tab or reloading with unsaved changes (or mid-save) asks the browser's question. */
  private readonly onBeforeUnload = (event: BeforeUnloadEvent): void => {
    if (!this.dirty || !this.isConnected) return;
    event.preventDefault();
    event.returnValue = '';
  };

  private onLeaveClose(): void {
    const discard = this.leaveDialog?.returnValue === 'discard';
    if (this.leaveDialog) this.leaveDialog.returnValue = '';
    const answer = this.leaveAnswer;
    this.leaveAnswer = undefined;
    if (discard) this.changed = false;
    answer?.(discard);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('defaultType') && !this.editing && this.filledFor === '') {
      this.type = this.defaultType === 'filter' ? 'filter' : 'csv';
    }
    if (changed.has('segmentId')) {
      this.startNew();
      if (this.editing) this.type = 'filter'; // until the segment says which it is
    }
    const segment = this.loading.value;
    if (segment && segment.id === this.segmentId && this.filledFor !== segment.id) {
      this.fill(segment);
    }
  }

  protected override render(): TemplateResult {
    const t = this.localize.section('segmentForm');
    const loadError = this.loading.error;
    if (this.editing && !this.loaded) {
      return loadError !== undefined && !isAbort(loadError)
        ? html`<div class="error-box" role="alert" part="error">
            <span>${errorMessage(loadError, this.localize.section('errors'))}</span>
            <button @click=${() => void this.loading.run()}>${t.retry}</button>
            <button @click=${this.onCancel}>${t.cancel}</button>
          </div>`
        : html`<p role="status">${t.loading}</p>`;
    }
    const readOnly = this.loaded?.readOnly ?? false;
    const nameError = this.nameError();
    const partError = this.partError();
    return html`
      <form part="form" novalidate @submit=${this.onSubmit}>
        <h2 part="title">
          ${this.resumingLoaded ? t.resumeTitle : this.editing ? t.editTitle : t.newTitle}
        </h2>
        ${readOnly ? html`<p class="note">${t.readOnlyNote}</p>` : nothing}
        <div class="field" part="field">
          <label for="name">${t.name}</label>
          <input
            id="name"
            autocomplete="off"
            .value=${this.name}
            ?disabled=${readOnly || this.saving || this.resumingLoaded}
            aria-required="true"
            aria-invalid=${nameError ? 'true' : 'false'}
            aria-describedby="name-hint ${nameError ? 'name-error' : ''}"
            @input=${this.onNameInput}
            @change=${() => (this.nameTouched = true)}
          />
          <span id="name-hint" class="hint">${t.nameHint}</span>
          <!-- The line is always there, so a message appearing moves nothing under the pointer. -->
          <span id="name-error" class="error message" part="field-error">${nameError}</span>
        </div>
        <fieldset class="field type" part="field" ?disabled=${this.editing || this.saving}>
          <legend>${t.type}</legend>
          ${(['csv', 'filter'] as const).map(
            (kind) =>
              html`<label class="radio">
                <input
                  type="radio"
                  name="type"
                  value=${kind}
                  .checked=${this.type === kind}
                  @change=${() => this.setType(kind)}
                />
                ${kind === 'csv' ? t.typeCsv : t.typeFilter}
              </label>`,
          )}
          ${this.editing ? html`<span class="hint">${t.typeFixed}</span>` : nothing}
        </fieldset>
        ${this.csvPart()} ${this.filterPart(readOnly)}
        ${
          partError
            ? html`<p class="error" part="field-error" id="part-error">${partError}</p>`
            : nothing
        }
        ${this.progressTemplate()} ${this.errorTemplate()}
        <p class="note" role="status" part="saved-note">${this.savedNote}</p>
        <div class="buttons" part="buttons">
          ${
            readOnly
              ? nothing
              : html`<button
                  type="submit"
                  class="primary"
                  part="submit-button"
                  ?disabled=${this.saving}
                >
                  ${
                    this.saving
                      ? t.saving
                      : this.resumingLoaded || this.pendingResume
                        ? t.resumeSubmit
                        : this.editing
                          ? t.save
                          : t.submit
                  }
                </button>`
          }
          <button type="button" part="cancel-button" @click=${this.onCancel}>${t.cancel}</button>
        </div>
        ${
          // Below the buttons: the preview and impact lists arrive after the count, and above
          // them they pushed Submit down under a pointer already on its way to it.
          this.type === 'filter' ? this.insight.render() : nothing
        }
      </form>
      ${this.leaveTemplate()}
    `;
  }

  // ---- parts ----

  private csvPart(): TemplateResult {
    const t = this.localize.section('segmentForm');
    const csv = this.loaded?.csv;
    // Kept in the DOM while Filter is chosen, so switching back keeps the chosen file.
    if (this.resumingLoaded && csv) {
      const progress = this.loaded!.progress;
      return html`<p class="note" id="resume-note">
          ${this.localize.format(t.resumeNote, {
            name: this.loaded!.name,
            file: csv.fileName,
            received: this.localize.number(progress?.received ?? 0),
            expected: this.localize.number(progress?.expected ?? csv.accepted),
          })}
        </p>
        ${
          progress?.reopened
            ? html`<p>
                <button type="button" ?disabled=${this.saving} @click=${this.onAbandon}>
                  ${t.abandon}
                </button>
              </p>`
            : nothing
        }
        ${this.mapperTemplate()}`;
    }
    if (this.editing) {
      const mode = this.contactsMode;
      return html`<div ?hidden=${this.type !== 'csv'} class="csv-current">
        ${
          csv
            ? html`<p>
                ${this.localize.format(t.csvCurrent, {
                  file: csv.fileName,
                  accepted: this.localize.number(csv.accepted),
                })}
              </p>`
            : nothing
        }
        ${
          this.loaded?.readOnly
            ? nothing
            : html`<fieldset class="field contacts" part="field" ?disabled=${this.saving}>
                <legend>${t.contacts}</legend>
                ${(['keep', 'add', 'replace'] as const).map(
                  (kind) =>
                    html`<label class="radio">
                      <input
                        type="radio"
                        name="contacts"
                        value=${kind}
                        .checked=${mode === kind}
                        @change=${() => this.setContactsMode(kind)}
                      />
                      ${
                        kind === 'keep'
                          ? t.contactsKeep
                          : kind === 'add'
                            ? t.contactsAdd
                            : t.contactsReplace
                      }
                    </label>`,
                )}
                ${
                  mode === 'keep'
                    ? nothing
                    : html`<span class="hint"
                        >${mode === 'add' ? t.contactsAddHint : t.contactsReplaceHint}</span
                      >`
                }
              </fieldset>`
        }
        ${mode === 'keep' ? nothing : this.mapperTemplate()}
      </div>`;
    }
    return this.mapperTemplate();
  }

  private mapperTemplate(): TemplateResult {
    return html`<csv-mapper
      part="csv-mapper"
      name="csv"
      required
      ?hidden=${this.type !== 'csv'}
      ?disabled=${this.saving}
      default-country=${this.defaultCountry}
      @change=${this.onPartChange}
      @csv-validated=${this.onPartChange}
    ></csv-mapper>`;
  }

  private filterPart(readOnly: boolean): TemplateResult {
    return html`<filter-builder
      part="filter-builder"
      name="filter"
      ?hidden=${this.type !== 'filter'}
      ?readonly=${readOnly}
      ?disabled=${this.saving}
      .adapter=${this.adapters.value}
      .value=${guard([this.initialFilter], () => this.initialFilter)}
      @input=${this.onFilterInput}
      @change=${this.onFilterChange}
    ></filter-builder>`;
  }

  private progressTemplate(): TemplateResult | typeof nothing {
    const progress = this.progress;
    if (!progress) return nothing;
    const t = this.localize.section('segmentForm');
    return html`<div class="progress" part="progress">
      <progress
        aria-label=${t.progressLabel}
        max=${Math.max(progress.total, 1)}
        .value=${progress.sent}
      ></progress>
      <span role="status">
        ${this.localize.format(t.progressText, {
          sent: this.localize.number(progress.sent),
          total: this.localize.number(progress.total),
        })}
      </span>
    </div>`;
  }

  private errorTemplate(): TemplateResult | typeof nothing {
    if (!this.formError) return nothing;
    const t = this.localize.section('segmentForm');
    return html`<div class="error-box" role="alert" part="error">
      <p>${this.formError}</p>
      ${
        this.issues.length
          ? html`<p>${t.issues}</p>
              <ul>
                ${this.issues.map((issue) => html`<li>${issue}</li>`)}
              </ul>`
          : nothing
      }
      ${
        this.conflict
          ? html`<p class="hint">${t.conflictHint}</p>
              <div class="buttons">
                <button type="button" @click=${() => void this.reloadTheirs()}>
                  ${t.conflictTheirs}
                </button>
                <button type="button" @click=${() => void this.keepMine()}>
                  ${t.conflictMine}
                </button>
              </div>`
          : nothing
      }
    </div>`;
  }

  /** "Leave without saving?": asked before a half-made segment would be thrown away. */
  private leaveTemplate(): TemplateResult {
    const t = this.localize.section('segmentForm');
    return html`<dialog
      part="leave-dialog"
      aria-labelledby="leave-title"
      aria-describedby="leave-body"
      @close=${this.onLeaveClose}
    >
      <h2 id="leave-title">${t.leaveTitle}</h2>
      <p id="leave-body">${t.leaveBody}</p>
      <div class="buttons">
        <button type="button" autofocus @click=${() => this.leaveDialog?.close('stay')}>
          ${t.leaveStay}
        </button>
        <button type="button" class="danger" @click=${() => this.leaveDialog?.close('discard')}>
          ${t.leaveDiscard}
        </button>
      </div>
    </dialog>`;
  }

  // ---- what is wrong, computed from what is there now ----

  private nameError(): string {
    const t = this.localize.section('segmentForm');
    const name = this.name.trim();
    if (this.submitted || this.nameTouched) {
      if (!name) return t.nameRequired;
      if (name.length > MAX_NAME) {
        return this.localize.format(t.nameTooLong, { count: this.localize.number(name.length) });
      }
    }
    const key = name.toLowerCase();
    // The name of the kept segment this submit resumes is its own, not a taken one.
    if (this.pendingResume?.name.trim().toLowerCase() === key) return '';
    const check = this.nameCheck.value;
    if (key && (this.takenName === key || (check?.key === key && check.taken))) {
      return this.localize.section('errors')['name-taken'];
    }
    return '';
  }

  private partError(): string {
    void this.edits;
    if (!this.submitted || this.loaded?.readOnly) return '';
    const t = this.localize.section('segmentForm');
    if (this.type === 'filter') {
      const builder = this.builder;
      return builder && !builder.checkValidity() ? builder.validationMessage || t.filterNeeded : '';
    }
    if (this.editing && !this.resumingLoaded && this.contactsMode === 'keep') return '';
    const mapper = this.mapper;
    return mapper && (!mapper.checkValidity() || !mapper.value || !mapper.report)
      ? mapper.validationMessage || t.csvNeeded
      : '';
  }

  // ---- behaviour ----

  private startNew(): void {
    this.changed = false;
    this.filledFor = '';
    this.loaded = null;
    this.name = '';
    this.initialFilter = this.filter = emptyFilter();
    this.insight.setSaved(null);
    this.insight.setCurrent(this.filter);
    this.type = this.defaultType === 'filter' ? 'filter' : 'csv';
    this.clearMessages();
    this.submitted = false;
    this.nameTouched = false;
    this.pendingResume = null;
    this.contactsMode = 'keep';
    this.savedNote = '';
  }

  private fill(segment: Segment): void {
    this.changed = false;
    this.filledFor = segment.id;
    this.loaded = segment;
    this.name = segment.name;
    this.type = segment.type === 'csv' ? 'csv' : 'filter';
    this.initialFilter = this.filter = segment.filter ?? emptyFilter();
    // Impact compares with what is saved: only a filter segment the seller may change has it.
    this.insight.setSaved(segment.type === 'filter' && !segment.readOnly ? this.filter : null);
    this.insight.setCurrent(this.filter);
    this.takenName = '';
    this.contactsMode = 'keep';
  }

  private clearMessages(): void {
    this.formError = '';
    this.issues = [];
    this.conflict = false;
  }

  private onNameInput(event: Event): void {
    this.changed = true;
    this.name = (event.target as HTMLInputElement).value;
    if (!this.conflict) this.clearMessages();
  }

  private setContactsMode(mode: 'keep' | ReopenMode): void {
    this.changed = true;
    this.contactsMode = mode;
    this.savedNote = '';
    this.clearMessages();
  }

  private setType(kind: SegmentKind): void {
    this.changed = true;
    this.type = kind;
    this.clearMessages();
  }

  private onFilterInput(event: Event): void {
    this.changed = true;
    this.filter = (event.target as FilterBuilderElement).value;
    this.insight.setCurrent(this.filter);
  }

  private onFilterChange(event: Event): void {
    this.filter = (event.target as FilterBuilderElement).value;
    this.insight.setCurrent(this.filter);
    this.onPartChange();
  }

  private onPartChange(): void {
    this.changed = true;
    this.edits++;
    if (!this.conflict) this.clearMessages();
  }

  private async onCancel(): Promise<void> {
    if (await this.confirmDiscard()) this.dispatchEvent(segmentCancelEvent());
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.saving || this.loaded?.readOnly) return;
    this.submitted = true;
    this.clearMessages();
    this.savedNote = '';
    await this.updateComplete;
    if (this.nameError()) return this.nameInput?.focus();
    if (this.partError()) {
      return (this.type === 'filter' ? this.builder : this.mapper)?.focus();
    }
    await this.save(this.loaded?.version);
  }

  /** Saves what is in the form; `version` is the one an update expects. */
  private async save(version: number | undefined): Promise<void> {
    const adapter = this.adapters.value;
    if (!adapter) return;
    const draft: SegmentDraft = { name: this.name.trim(), type: this.type };
    if (this.type === 'filter') draft.filter = this.builder?.value ?? this.filter;
    else draft.csv = this.editing ? this.loaded?.csv : (this.mapper?.value ?? undefined);
    // The segment whose upload this submit finishes: the one opened to resume, or a new one
    // whose upload stopped here (creating it again would only answer name-taken).
    const resume = this.resumingLoaded ? this.loaded : this.pendingResume;
    if (resume) draft.csv = this.mapper?.value ?? undefined;
    this.saving = true;
    try {
      let saved: Segment;
      if (resume) {
        saved = await saveCsvSegment(adapter, draft, this.mapper!.report!, {
          batchSize: this.batchSize,
          resume,
          onFailure: 'keep',
          onProgress: ({ sent, total }) => (this.progress = { sent, total }),
        });
        this.pendingResume = null;
      } else if (this.editing && this.type === 'csv' && this.contactsMode !== 'keep') {
        saved = await this.sendFile(adapter, draft, this.contactsMode, version ?? 0);
      } else if (this.editing) {
        saved = await adapter.updateSegment(this.segmentId, draft, {
          expectedVersion: version ?? 0,
        });
      } else if (this.type === 'csv') {
        saved = await saveCsvSegment(adapter, draft, this.mapper!.report!, {
          batchSize: this.batchSize,
          onProgress: ({ sent, total }) => (this.progress = { sent, total }),
        });
      } else {
        saved = await adapter.createSegment(draft);
      }
      this.loaded = this.editing ? saved : null;
      if (this.editing && saved.type === 'filter' && saved.filter) {
        this.insight.setSaved(saved.filter);
      }
      this.changed = false;
      this.dispatchEvent(new SegmentEvent('segment-saved', saved));
      if (!this.editing) this.resetAfterCreate();
    } catch (error) {
      this.showError(error);
    } finally {
      this.saving = false;
      this.progress = null;
    }
  }

  /**
   * Adds the chosen file's contacts to the segment being edited, or replaces its contacts with
   * them (saveCsvSegment into it), after saving a new name if there is one. A failed upload
   * puts the segment back as it was; says what changed once it is done.
   */
  private async sendFile(
    adapter: SegmentAdapter,
    draft: SegmentDraft,
    mode: ReopenMode,
    version: number,
  ): Promise<Segment> {
    const before = this.loaded!;
    let expectedVersion = version;
    if (draft.name !== before.name) {
      const renamed = await adapter.updateSegment(
        before.id,
        { ...draft, csv: before.csv },
        { expectedVersion },
      );
      this.loaded = renamed;
      expectedVersion = renamed.version;
    }
    const file = this.mapper!.value!;
    const saved = await saveCsvSegment(adapter, { ...draft, csv: file }, this.mapper!.report!, {
      batchSize: this.batchSize,
      into: { id: before.id, mode, expectedVersion },
      onProgress: ({ sent, total }) => (this.progress = { sent, total }),
    });
    const t = this.localize.section('segmentForm');
    const total = this.localize.number(saved.memberCount ?? 0);
    this.savedNote =
      mode === 'add'
        ? this.localize.plural(
            t.contactsAdded,
            Math.max(0, (saved.memberCount ?? 0) - (before.memberCount ?? 0)),
            { name: saved.name, total },
          )
        : this.localize.format(t.contactsReplaced, {
            name: saved.name,
            total,
            file: file.fileName,
          });
    this.contactsMode = 'keep';
    return saved;
  }

  /** A reopened upload given up: the segment goes back to the contacts it had. */
  private async onAbandon(): Promise<void> {
    const adapter = this.adapters.value;
    if (!adapter || !this.loaded || this.saving) return;
    this.saving = true;
    this.clearMessages();
    try {
      const back = await adapter.abandonImport(this.loaded.id);
      this.fill(back);
      const t = this.localize.section('segmentForm');
      this.savedNote = this.localize.format(t.abandoned, {
        name: back.name,
        total: this.localize.number(back.memberCount ?? 0),
      });
      this.dispatchEvent(new SegmentEvent('segment-saved', back));
    } catch (error) {
      this.showError(error);
    } finally {
      this.saving = false;
    }
  }

  private resetAfterCreate(): void {
    this.startNew();
    (this.renderRoot.querySelector('form') as HTMLFormElement | null)?.reset();
  }

  private showError(error: unknown): void {
    if (isAbort(error)) return;
    const t = this.localize.section('segmentForm');
    const errors = this.localize.section('errors');
    if (isSegmentError(error, 'name-taken')) {
      this.takenName = this.name.trim().toLowerCase();
      void this.updateComplete.then(() => this.nameInput?.focus());
      return;
    }
    if (error instanceof IncompleteSegmentError) {
      if (!error.removed && !this.editing) this.pendingResume = error.segment;
      // A reopened segment left importing (going back failed too): the form resumes it now.
      if (this.editing && !error.restored) this.loaded = error.segment;
      this.formError = this.localize.format(
        error.removed
          ? t.incompleteRemoved
          : error.restored
            ? t.contactsNotChanged
            : t.incompleteKept,
        {
          sent: this.localize.number(error.sent),
          total: this.localize.number(error.total),
        },
      );
      return;
    }
    this.conflict = isSegmentError(error, 'conflict');
    this.formError = errorMessage(error, errors);
    this.issues = isSegmentError(error, 'invalid') ? error.issues.map((i) => i.message) : [];
  }

  /** Conflict: show their version; what was typed here is dropped, as the button says. */
  private async reloadTheirs(): Promise<void> {
    const adapter = this.adapters.value;
    if (!adapter) return;
    try {
      const theirs = await adapter.getSegment(this.segmentId);
      this.clearMessages();
      this.fill(theirs);
    } catch (error) {
      this.showError(error);
    }
  }

  /** Conflict: save what is here over their version, knowingly. */
  private async keepMine(): Promise<void> {
    const adapter = this.adapters.value;
    if (!adapter) return;
    try {
      const theirs = await adapter.getSegment(this.segmentId);
      this.clearMessages();
      await this.save(theirs.version);
    } catch (error) {
      this.showError(error);
    }
  }
}
