import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  isSegmentError,
  type AudienceChannel,
  type Segment,
  type SegmentAdapter,
} from '../../src/core.ts';
import { FormAssociatedElement } from '../shared/form-associated.ts';
import { changeEvent } from '../shared/events.ts';
import { LocalizeController } from '../shared/localize.ts';
import { SegmentAdapterController } from '../shared/adapter.ts';
import { AdapterTask } from '../shared/adapter-task.ts';
import { segmentPickerStyles } from './segment-picker.styles.ts';
import { AudienceLine } from './segment-picker.audience.ts';
import { OptionCounts, OptionSearch } from './segment-picker.options.ts';
import { listTemplate, optionId } from './segment-picker.templates.ts';
import {
  PICKER_LISTS,
  fromJson,
  moveActive,
  optionState,
  problem,
  sameValue,
  segmentName,
  toValue,
  toggle,
  type Known,
  type PickerList,
  type SegmentPickerStrings,
  type SegmentPickerValue,
} from './segment-picker.logic.ts';

export type { SegmentPickerValue };

/**
 * Chooses who a campaign reaches: segments to include and segments to exclude, each list an
 * APG combobox (type to search; Up, Down, Home and End move through the options, Enter chooses
 * or un-chooses one, Escape closes the list; Backspace in an empty box removes the last chip).
 * Each option shows its number of users; a segment still importing is shown, disabled, with
 * why. Under the lists, a live region says whom the choice reaches, resolved by the adapter's
 * `resolveAudience` for `channel` and `consent-only` ("12,340 people · 1,204 duplicates and
 * 3,112 without consent removed"), once choosing pauses for 300 ms, aborting the previous
 * question.
 *
 * A segment cannot be in both lists: an option already chosen in the other list is disabled
 * with why, and a `value` that names one segment in both makes the element invalid with a
 * message naming it. A chosen id the adapter does not know (deleted meanwhile) shows as a
 * "Deleted segment" chip and makes the element invalid until it is removed.
 *
 * Form-associated: the submitted entry under `name` is the value as JSON,
 * `{"include":["…"],"exclude":["…"]}`; `required` asks for at least one included segment. A
 * form reset restores the last `value` the host set; the browser's form restore brings back
 * the value the seller had chosen.
 *
 * @tag segment-picker
 * @summary Include and exclude segments for a campaign, with the resolved audience.
 *
 * @event change - The seller chose or removed a segment. Not fired when the host sets `value`.
 *
 * @csspart list - Each of the two lists (also `include-list` or `exclude-list`).
 * @csspart label - The "Include" and "Exclude" labels.
 * @csspart hint - The line under each label.
 * @csspart chips - The chosen segments of a list.
 * @csspart chip - One chosen segment.
 * @csspart chip-remove - The Remove button of a chip.
 * @csspart input - The search box of a list.
 * @csspart popup - The box of options under a search box.
 * @csspart listbox - The options.
 * @csspart option - One option (also `option-active` for the active one).
 * @csspart audience - The audience line.
 * @csspart error - A problem with the choice, a failed search or a failed audience.
 *
 * @cssproperty --us-font-family - Font of the element.
 * @cssproperty --us-color-text - Text colour.
 * @cssproperty --us-color-muted - Hints and counts.
 * @cssproperty --us-color-border - Borders of the boxes and chips.
 * @cssproperty --us-color-accent - Focus and the active option.
 * @cssproperty --us-color-danger - Errors.
 * @cssproperty --us-color-surface - Background of the boxes and the popup.
 * @cssproperty --us-color-selected - Background of the active option.
 * @cssproperty --us-color-button - Background of chips.
 * @cssproperty --us-focus-ring - Outline of the focused control.
 * @cssproperty --us-radius - Corner radius.
 * @cssproperty --us-spacing - Base gap between parts.
 */
export class SegmentPicker extends FormAssociatedElement {
  static override styles = segmentPickerStyles;

  /** Where segments and the audience come from; else the nearest provided adapter. */
  @property({ attribute: false }) adapter?: SegmentAdapter;

  /** How the campaign reaches people: `sms`, `email` or `any`, passed to resolveAudience. */
  @property() channel: AudienceChannel = 'any';

  /** Only people who accept marketing count in the audience. */
  @property({ type: Boolean, reflect: true, attribute: 'consent-only' }) consentOnly = false;

  @state() private selection: SegmentPickerValue = { include: [], exclude: [] };
  @state() private announcement = '';
  /** Shows "Include at least one segment" once a submit was refused for it. */
  @state() private showRequired = false;

  private hostValue: SegmentPickerValue = { include: [], exclude: [] };
  private readonly localize = new LocalizeController(this);
  /** Segments (or their absence) by id, from searches and lookups; cleared when they change. */
  private readonly known = new Map<string, Known>();
  private readonly adapters = new SegmentAdapterController(this, {
    onSegmentsChanged: () => {
      this.known.clear();
      this.counts.clear();
    },
  });
  private readonly searches: Record<PickerList, OptionSearch> = {
    include: new OptionSearch(this, this.adapters),
    exclude: new OptionSearch(this, this.adapters),
  };
  private readonly counts = new OptionCounts(this);

  /** Names the chosen ids that no search has shown (a value set by the host, a restore). */
  private readonly lookup = new AdapterTask(this, this.adapters, {
    args: () => [this.unknownIds().join('\n')] as const,
    task: async (adapter, [key], { signal }) => {
      const ids = key ? key.split('\n') : [];
      await Promise.all(
        ids.map(async (id) => {
          try {
            this.known.set(id, await adapter.getSegment(id, { signal }));
          } catch (error) {
            if (isSegmentError(error, 'not-found')) this.known.set(id, 'missing');
            else throw error;
          }
        }),
      );
      return ids.length;
    },
  });

  private readonly audience = new AudienceLine(this, this.adapters, () => {
    const { include, exclude } = this.selection;
    if (!include.length || problem(this.selection, (id) => this.known.get(id), false)) return;
    return { include, exclude, channel: this.channel, consentOnly: this.consentOnly };
  });

  constructor() {
    super();
    this.addEventListener('invalid', () => (this.showRequired = true));
  }

  /** `{ include, exclude }`: segment ids; setting it replaces the choice. */
  get value(): SegmentPickerValue {
    return { include: [...this.selection.include], exclude: [...this.selection.exclude] };
  }

  set value(value: Partial<SegmentPickerValue> | null | undefined) {
    this.hostValue = toValue(value);
    this.selection = this.hostValue;
  }

  /** The browser brings back what the seller had chosen (back/forward, session restore). */
  formStateRestoreCallback(state: string | File | FormData | null): void {
    this.selection = fromJson(state);
  }

  protected override resetValue(): void {
    this.selection = this.hostValue;
    this.showRequired = false;
    for (const list of PICKER_LISTS) this.close(list, true);
  }

  protected override get validationAnchor(): HTMLElement | undefined {
    return this.renderRoot.querySelector<HTMLElement>('#include-input') ?? undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    for (const list of PICKER_LISTS) {
      for (const segment of this.searches[list].options) this.known.set(segment.id, segment);
    }
    const shown = PICKER_LISTS.filter((l) => this.searches[l].open);
    if (shown.length) {
      this.counts.show(
        this.adapters.value,
        shown.flatMap((l) => this.searches[l].options),
      );
    } else this.counts.drop();
  }

  protected override updated(): void {
    this.syncForm();
    for (const list of PICKER_LISTS) {
      const search = this.searches[list];
      if (search.open && search.active >= 0) {
        this.renderRoot
          .querySelector(`#${optionId(list, search.active)}`)
          ?.scrollIntoView({ block: 'nearest' });
      }
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.counts.drop();
  }

  protected override render(): TemplateResult {
    const t = this.localize.section('segmentPicker');
    const trouble = this.problemText(t);
    return html`
      <div class="lists">${PICKER_LISTS.map((list) => listTemplate(this.listView(list, t)))}</div>
      ${trouble ? html`<p class="error" part="error" role="alert">${trouble}</p>` : nothing}
      ${this.audience.render(
        {
          empty: !this.selection.include.length,
          blocked: Boolean(trouble),
          channel: this.channel,
        },
        t,
        this.localize,
      )}
      <p class="sr-only" role="status">${this.announcement}</p>
    `;
  }

  // ---- validity ----

  private problemText(t: SegmentPickerStrings): string {
    const found = problem(this.selection, (id) => this.known.get(id), this.required);
    if (!found) return '';
    switch (found.kind) {
      case 'both':
        return this.localize.format(t.both, { name: this.chipName(found.id) });
      case 'missing':
        return this.localize.plural(t.missing, found.ids.length);
      case 'importing':
        return this.localize.format(t.importingChosen, { name: this.chipName(found.id) });
      case 'empty':
        return this.showRequired ? t.required : '';
    }
  }

  private syncForm(): void {
    const t = this.localize.section('segmentPicker');
    this.setFormValue(JSON.stringify(this.selection));
    const found = problem(this.selection, (id) => this.known.get(id), this.required);
    if (!found) this.setValidity();
    else if (found.kind === 'empty') this.setValidity({ valueMissing: true }, t.required);
    else this.setValidity({ customError: true }, this.problemText(t));
  }

  // ---- the two lists ----

  private listView(list: PickerList, t: SegmentPickerStrings) {
    const search = this.searches[list];
    return {
      list,
      t,
      localize: this.localize,
      value: this.selection,
      disabled: this.isDisabled,
      query: search.query,
      open: search.open && !this.isDisabled,
      active: search.active,
      options: search.options,
      searching: search.pending,
      searchFailed: Boolean(search.error) && !search.pending,
      chipName: (id: string) => this.chipName(id),
      chipMissing: (id: string) => this.known.get(id) === 'missing',
      optionName: (segment: Segment) => this.nameOf(segment),
      optionCount: (segment: Segment) => this.counts.get(segment),
      onInput: (event: Event) => {
        search.query = (event.target as HTMLInputElement).value;
        search.open = true;
        search.active = -1;
        this.requestUpdate();
      },
      onKeydown: (event: KeyboardEvent) => this.onKeydown(list, event),
      onOpen: () => this.openList(list),
      onFocusOut: (event: FocusEvent) => {
        const to = event.relatedTarget as Node | null;
        if (!to || !(event.currentTarget as HTMLElement).contains(to)) this.close(list);
      },
      onChoose: (segment: Segment) => this.choose(list, segment),
      onRemove: (id: string) => this.removeChip(list, id, true),
      onRetry: () => search.retry(),
    };
  }

  private onKeydown(list: PickerList, event: KeyboardEvent): void {
    const search = this.searches[list];
    const options = search.options;
    const input = event.target as HTMLInputElement;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        event.preventDefault();
        if (!search.open) {
          this.openList(list);
          search.active = event.key === 'ArrowDown' ? 0 : options.length - 1;
        } else search.active = moveActive(event.key, search.active, options.length) ?? -1;
        break;
      case 'Home':
      case 'End':
        // Only while options show: otherwise the keys move the caret, as in any text box.
        if (!search.open || !options.length) return;
        event.preventDefault();
        search.active = moveActive(event.key, search.active, options.length)!;
        break;
      case 'Enter': {
        const segment = search.open ? options[search.active] : undefined;
        if (!segment) return;
        event.preventDefault();
        this.choose(list, segment);
        return;
      }
      case 'Escape':
        if (search.open) {
          event.preventDefault();
          this.close(list);
        } else if (search.query) {
          event.preventDefault();
          search.query = '';
        } else return;
        break;
      case 'Backspace': {
        const ids = this.selection[list];
        if (input.value || !ids.length) return;
        event.preventDefault();
        this.removeChip(list, ids.at(-1)!, false);
        return;
      }
      default:
        return;
    }
    this.requestUpdate();
  }

  private openList(list: PickerList): void {
    if (this.isDisabled) return;
    this.searches[list].open = true;
    this.requestUpdate();
  }

  private close(list: PickerList, clearQuery = false): void {
    const search = this.searches[list];
    search.open = false;
    search.active = -1;
    if (clearQuery) search.query = '';
    this.requestUpdate();
  }

  /** Adds a segment to `list`, or takes it out when it is there; says why when it cannot. */
  private choose(list: PickerList, segment: Segment): void {
    const t = this.localize.section('segmentPicker');
    const { selected, disabledWhy } = optionState(segment, list, this.selection);
    const name = this.nameOf(segment);
    if (disabledWhy) {
      this.announce(`${name}: ${t[disabledWhy]}`);
      return;
    }
    this.commit(toggle(this.selection, list, segment.id));
    const added = list === 'include' ? t.addedInclude : t.addedExclude;
    this.announce(this.localize.format(selected ? t.removedChip : added, { name }));
  }

  /** Removes a chip; a pointer or Enter on its button puts focus back in the search box. */
  private removeChip(list: PickerList, id: string, refocus: boolean): void {
    const t = this.localize.section('segmentPicker');
    const name = this.chipName(id);
    this.commit({ ...this.selection, [list]: this.selection[list].filter((x) => x !== id) });
    this.announce(this.localize.format(t.removedChip, { name }));
    if (refocus) {
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>(`#${list}-input`)?.focus(),
      );
    }
  }

  private commit(next: SegmentPickerValue): void {
    if (sameValue(next, this.selection)) return;
    this.selection = next;
    if (next.include.length) this.showRequired = false;
    // After the form value is set (updated), so a listener reading the form sees the new one.
    void this.updateComplete.then(() => this.dispatchEvent(changeEvent()));
  }

  private announce(text: string): void {
    // The same words twice in a row must still be read out: clear, then set.
    this.announcement = '';
    void this.updateComplete.then(() => (this.announcement = text));
  }

  // ---- names ----

  private unknownIds(): string[] {
    const { include, exclude } = this.selection;
    return [...new Set([...include, ...exclude])].filter((id) => !this.known.has(id)).sort();
  }

  private chipName(id: string): string {
    const t = this.localize.section('segmentPicker');
    const known = this.known.get(id);
    if (known === 'missing') return t.missingSegment;
    if (!known) return this.lookup.error ? id : t.loadingSegment;
    return this.nameOf(known);
  }

  private nameOf(segment: Segment): string {
    return segmentName(
      segment,
      this.localize.section('predefinedSegments') as Record<string, string | undefined>,
    );
  }
}
