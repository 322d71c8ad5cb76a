import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { flow } from '@lit-labs/virtualizer/layouts/flow.js';
import type { ImportProgress, Segment, SegmentAdapter, SegmentScope } from '../../src/core.ts';
import { SegmentAdapterController } from '../shared/adapter.ts';
import { AdapterTask } from '../shared/adapter-task.ts';
import { DebounceController } from '../shared/debounce.ts';
import { errorMessage, isAbort } from '../shared/error-messages.ts';
import { LocalizeController } from '../shared/localize.ts';
import { en } from '../shared/translations/en.ts';
import { SegmentDeletedEvent, SegmentEvent, segmentAddEvent } from '../shared/events.ts';
import { MenuButtonController } from './segment-list.menu.ts';
import { ListTrendsController } from './segment-list.trends.ts';
import { segmentListStyles } from './segment-list.styles.ts';
import {
  FIRST_DIRECTION,
  exactTime,
  relativeTime,
  sortSegments,
  updatedTime,
} from './segment-list.sort.ts';
import type { SortColumn, SortOrder } from './segment-list.sort.ts';

/** Search waits this long after the last keystroke. */
const SEARCH_DELAY = 250;
/**
 * Segments asked for per listSegments call: 200, the most any adapter serves (a larger `limit`
 * is refused as invalid). The list loads every page, showing the first ones meanwhile.
 */
const PAGE = 200;
/**
 * Lists longer than this are virtualized (only the rows on screen are in the DOM); shorter ones
 * are plain rows, which the browser's find-in-page and printing see in full.
 */
const VIRTUALIZE_FROM = 150;
/**
 * The virtualizer's layout, named rather than left to the default: the virtualizer would import
 * its default layout only when the first long list renders, a fetch that delays those rows.
 */
const LAYOUT = flow();
const SCOPES: readonly SegmentScope[] = ['store', 'global'];
/** The longest name a segment may have. */
const MAX_NAME_LENGTH = 100;
/** How far Duplicate numbers a copy's name on ("(copy 2)", …) before the adapter names it. */
const MAX_COPY_NUMBER = 50;
/** How often the relative times ("5 minutes ago") are brought up to date. */
const CLOCK_TICK = 60_000;
/** Where the rows become cards and the headers are hidden (the styles' phone breakpoint). */
const PHONE = '(max-width: 30rem)';
/** The choices of the sort select shown on phones, where the column headers are hidden. */
const SORT_CHOICES = [
  ['', 'sortDefault'],
  ['name ascending', 'sortNameAscending'],
  ['name descending', 'sortNameDescending'],
  ['users descending', 'sortUsersDescending'],
  ['users ascending', 'sortUsersAscending'],
  ['updated descending', 'sortUpdatedDescending'],
  ['updated ascending', 'sortUpdatedAscending'],
] as const;

interface Listing {
  scope: SegmentScope;
  search: string;
  items: Segment[];
  total: number;
}

/**
 * The store's segments: tabs "Segments" and "Global", a search that filters as you type (each
 * tab keeps its own query), and a table of Name, Type, Users, Updated and Trend, predefined segments
 * first. Updated reads "3 days ago" in the page's language; the exact date and time shows on
 * hover and keyboard focus and is the cell's accessible description (predefined segments have
 * no date: "—"). The Name, Users and Updated headers are sort buttons (`aria-sort` on the sorted
 * header): names A to Z first, users and dates biggest first, pressing again reverses. Sorting
 * orders the rows loaded — all of the tab's segments matching the search, predefined ones
 * included; rows without a value (users not counted yet, importing, no date) stay last either
 * way, and ties go by name. On phones the rows become cards (name, then type, users and
 * updated) and a "Sort by" select stands in for the hidden headers.
 * Each row has an actions menu — Edit, Duplicate, View members, Export CSV, Delete (after a
 * confirmation); read-only rows (predefined, global) offer Duplicate, View members and Export CSV. Selecting a row (its name) shows its total users.
 * Each row's Trend is a sparkline of its last 30 days with the change in words ("up 12% in 30
 * days"), read through `countHistory` after the rows have painted (not for segments still
 * importing); a history that cannot be read says so quietly in its row.
 * Member counts refresh whenever the adapter fires `segments-changed`. Long lists are
 * virtualized: only the rows on screen are in the DOM, and the first page of rows shows while
 * the later pages are still loading.
 *
 * @tag segment-list
 * @summary The table of a store's segments with search, tabs and row actions.
 *
 * @event segment-select - A row was selected; `detail.segment`.
 * @event segment-add - "Add New" was pressed.
 * @event segment-edit - Edit was chosen in a row's menu; `detail.segment`.
 * @event segment-resume - Resume was chosen for a CSV segment still importing (listed as
 * "Importing · 20,000 of 50,000", with Resume and Delete in its menu; an upload into a ready
 * segment reads "Adding · …" or "Replacing · …" and its menu also offers "Keep
 * the old contacts"); `detail.segment`.
 * @event segment-view - "View members" was chosen in a row's menu; `detail.segment`.
 * @event segment-export - "Export CSV" was chosen in a row's menu; `detail.segment` (the
 *   `<user-segments>` page exports it in the members view, with progress and Cancel).
 * @event segment-duplicated - A copy was made; `detail.segment` is the copy.
 * @event segment-deleted - A segment was deleted after confirmation; `detail.id`.
 *
 * @csspart tabs - The tab list.
 * @csspart tab - Each tab; the selected one also has `tab-selected`.
 * @csspart toolbar - The row with the search field and "Add New".
 * @csspart search - The search field.
 * @csspart add-button - The "Add New" button.
 * @csspart table - The table.
 * @csspart header-row - The row of column headers.
 * @csspart row - Each segment's row; the selected one also has `row-selected`, the one the
 *   delete dialog is about `row-confirming` (and no other row is highlighted meanwhile).
 * @csspart type-badge - The CSV / Filter / Predefined label.
 * @csspart sort-button - The button inside a sortable column header (Name, Users, Updated).
 * @csspart sort-select - The "Sort by" label and select shown on phones instead of the headers.
 * @csspart updated - The relative time of the Updated column (focusable).
 * @csspart tooltip - The exact date and time shown over it on hover and focus.
 * @csspart sparkline - A row's trend line (hidden from screen readers: its sentence is read).
 * @csspart trend-text - A row's trend in words ("up 12% in 30 days").
 * @csspart menu-button - The three-dot button of a row.
 * @csspart menu - The open actions menu.
 * @csspart menu-item - Each action of the menu.
 * @csspart dialog - The delete confirmation.
 * @csspart status - The selected segment's total, loading and empty messages.
 * @csspart error - An error message and its Retry button.
 *
 * @cssproperty --us-font-family - Font of the element.
 * @cssproperty --us-color-text - Text colour.
 * @cssproperty --us-color-muted - Secondary text.
 * @cssproperty --us-color-border - Borders and row separators.
 * @cssproperty --us-color-accent - Selected tab, primary buttons, focus ring.
 * @cssproperty --us-color-accent-contrast - Text on accent backgrounds.
 * @cssproperty --us-color-danger - Errors and the Delete button.
 * @cssproperty --us-color-surface - Background of fields, menu and dialog.
 * @cssproperty --us-color-surface-raised - Background of the menu and the dialog.
 * @cssproperty --us-color-hover - Row under the pointer.
 * @cssproperty --us-color-selected - The selected row.
 * @cssproperty --us-color-button - Background of secondary buttons.
 * @cssproperty --us-focus-ring - Outline of the focused control.
 * @cssproperty --us-radius - Corner radius.
 * @cssproperty --us-spacing - Base gap between parts.
 * @cssproperty --us-color-trend - The sparklines' line (default the accent colour).
 */
export class SegmentList extends LitElement {
  static override styles = segmentListStyles;

  /** The adapter; without it, the one provided by an ancestor (`provideSegmentAdapter`). */
  @property({ attribute: false }) adapter?: SegmentAdapter;

  /** The open tab: the store's own segments or the platform's global ones. */
  @property({ reflect: true }) scope: SegmentScope = 'store';

  /** The id of the selected segment, if any. */
  @property({ attribute: 'selected-id' }) selectedId = '';

  /**
   * The instant "3 days ago" is measured from; by default the clock, read again each minute.
   * Set it to show the list as of a fixed time.
   */
  @property({ attribute: false }) now?: Date;

  /** The time zone of the exact dates shown on hover and focus; by default the browser's. */
  @property({ attribute: 'time-zone' }) timeZone?: string;

  /** The order chosen by a column header (or the phone's select); none = predefined first. */
  @state() private sort: SortOrder | null = null;
  /** The Updated cell whose tooltip Escape dismissed, until it loses focus or the pointer. */
  @state() private dismissedTip = '';
  private clock?: ReturnType<typeof setInterval>;
  /** On phones the headers' sort buttons are hidden, so they leave the Tab order too. */
  private readonly phone = matchMedia(PHONE);
  private readonly onPhoneChange = () => this.requestUpdate();
  private sortedCache?: {
    items: readonly Segment[];
    sort: SortOrder | null;
    lang: string;
    rows: Segment[];
  };

  /** What is typed in each tab's search field, and what was last searched for. */
  @state() private typed: Record<SegmentScope, string> = { store: '', global: '' };
  @state() private searched: Record<SegmentScope, string> = { store: '', global: '' };
  @state() private confirming: Segment | null = null;
  @state() private actionError = '';
  @state() private announcement = '';
  @state() private busy = false;
  /**
   * The pages loaded so far of a tab and search not listed before: shown while the rest load,
   * so that the first rows do not wait for the last page (10 calls for 5,000 segments).
   */
  @state() private loadingPages?: Listing;
  /** Set when the confirmed delete went through, so focus does not go back to a gone row. */
  private deletedId = '';

  @query('dialog') private dialog?: HTMLDialogElement;

  private readonly localize = new LocalizeController(this);
  private readonly adapters = new SegmentAdapterController(this);
  private readonly debounce = new DebounceController(this, SEARCH_DELAY);
  private readonly trends = new ListTrendsController(this, this.adapters, this.localize);
  private readonly menu = new MenuButtonController(this, {
    items: () => [...(this.renderRoot.querySelectorAll<HTMLElement>('[role=menuitem]') ?? [])],
    button: (id) =>
      this.renderRoot.querySelector<HTMLElement>(`[data-menu-button="${CSS.escape(id)}"]`),
    menu: () => this.renderRoot.querySelector<HTMLElement>('[role=menu]'),
  });

  private readonly listing = new AdapterTask(this, this.adapters, {
    // A search also depends on the language: predefined segments are found by their names in it.
    args: () => {
      const search = this.searched[this.scope];
      return [this.scope, search, search ? this.localize.lang : ''] as const;
    },
    task: async (adapter, [scope, search], { signal }): Promise<Listing> => {
      const items: Segment[] = [];
      let cursor: string | undefined;
      let total: number;
      let more: boolean;
      try {
        do {
          const page = await adapter.listSegments(
            { scope, search: search || undefined, cursor, limit: PAGE },
            { signal },
          );
          items.push(...page.items);
          total = page.total;
          cursor = page.next;
          more = cursor !== undefined && pageHasMore(items.length, total);
          // Only for a tab and search not listed yet: a refresh goes on showing the list it
          // has until the new one is complete (see `shown`), so it needs no copies.
          if (more && !signal.aborted && !this.lists(this.listing.value, scope, search)) {
            this.loadingPages = { scope, search, items: predefinedFirst([...items]), total };
          }
        } while (more);
        if (search && scope === 'store') {
          const named = await this.predefinedNamed(adapter, search, items, signal);
          items.push(...named);
          total += named.length;
        }
      } finally {
        // Done or failed: the pages shown while loading give way to the answer (or the error).
        if (!signal.aborted) this.loadingPages = undefined;
      }
      return { scope, search, items: predefinedFirst(items), total };
    },
  });

  /** The segments of the open tab and search, or undefined while they are first loading. */
  get segments(): readonly Segment[] | undefined {
    return this.shown?.items;
  }

  /** The listing on screen: the open tab's, its first pages while a new search loads. */
  private get shown(): Listing | undefined {
    const value = this.listing.value;
    const search = this.searched[this.scope];
    if (
      !this.lists(value, this.scope, search) &&
      this.lists(this.loadingPages, this.scope, search)
    ) {
      return this.loadingPages;
    }
    return value && value.scope === this.scope ? value : undefined;
  }

  private lists(listing: Listing | undefined, scope: SegmentScope, search: string): boolean {
    return listing !== undefined && listing.scope === scope && listing.search === search;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.clock = setInterval(() => {
      if (!this.now) this.requestUpdate();
    }, CLOCK_TICK);
    this.phone.addEventListener('change', this.onPhoneChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.clock);
    this.phone.removeEventListener('change', this.onPhoneChange);
  }

  /** The rows in the order shown: the chosen sort, else the adapter's with predefined first. */
  private get sortedRows(): readonly Segment[] | undefined {
    const items = this.segments;
    if (!items || !this.sort) return items;
    const lang = this.localize.lang;
    const cache = this.sortedCache;
    if (cache && cache.items === items && cache.sort === this.sort && cache.lang === lang) {
      return cache.rows;
    }
    const rows = sortSegments(items, this.sort, (s) => this.nameOf(s), lang);
    this.sortedCache = { items, sort: this.sort, lang, rows };
    return rows;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('scope') && !SCOPES.includes(this.scope)) this.scope = 'store';
  }

  protected override render(): TemplateResult {
    const t = this.localize.section('segmentList');
    return html`
      <div role="tablist" aria-label=${t.tabsLabel} part="tabs" @keydown=${this.onTabKeyDown}>
        ${SCOPES.map((scope) => {
          const selected = scope === this.scope;
          return html`<button
            role="tab"
            id="tab-${scope}"
            aria-selected=${selected}
            aria-controls="panel"
            tabindex=${selected ? 0 : -1}
            part="tab${selected ? ' tab-selected' : ''}"
            @click=${() => this.selectTab(scope)}
          >
            ${scope === 'store' ? t.tabStore : t.tabGlobal}
          </button>`;
        })}
      </div>
      <div role="tabpanel" id="panel" aria-labelledby="tab-${this.scope}" class="panel">
        <div class="toolbar" part="toolbar">
          <input
            type="search"
            part="search"
            aria-label=${t.search}
            placeholder=${t.searchPlaceholder}
            .value=${this.typed[this.scope]}
            @input=${this.onSearchInput}
            @keydown=${this.onSearchKeyDown}
          />
          <button class="primary add" part="add-button" @click=${this.onAdd}>${t.addNew}</button>
          <label class="sort-select" part="sort-select">
            <span>${t.sortBy}</span>
            <select @change=${this.onSortSelect}>
              ${SORT_CHOICES.map(
                ([value, key]) =>
                  html`<option
                    value=${value}
                    ?selected=${value === (this.sort ? `${this.sort.column} ${this.sort.direction}` : '')}
                  >
                    ${t[key]}
                  </option>`,
              )}
            </select>
          </label>
        </div>
        ${this.statusTemplate()} ${this.tableTemplate()}
      </div>
      ${this.menuTemplate()} ${this.dialogTemplate()}
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
    `;
  }

  // ---- parts ----

  private statusTemplate(): TemplateResult {
    const t = this.localize.section('segmentList');
    const segments = this.segments;
    const failed = this.listing.error !== undefined && !isAbort(this.listing.error);
    const selected = segments?.find((s) => s.id === this.selectedId);
    const errors = this.localize.section('errors');
    return html`
      ${
        failed
          ? html`<div class="error-box" role="alert" part="error">
              <span>${errorMessage(this.listing.error, errors)}</span>
              <button @click=${() => void this.listing.run()}>${t.retry}</button>
            </div>`
          : nothing
      }
      ${
        this.actionError
          ? html`<div class="error-box" role="alert" part="error">
              <span>${this.actionError}</span>
            </div>`
          : nothing
      }
      <p class="status" part="status" role="status">
        ${
          !segments && !failed
            ? t.loading
            : selected
              ? selected.progress
                ? this.localize.format(
                    selected.progress.reopened ? t.selectedReopened : t.selectedImporting,
                    { name: this.nameOf(selected), ...this.progressNumbers(selected.progress) },
                  )
                : selected.memberCount === null
                  ? this.localize.format(t.selectedUnknown, { name: this.nameOf(selected) })
                  : this.localize.plural(t.selectedUsers, selected.memberCount, {
                      name: this.nameOf(selected),
                    })
              : segments && segments.length === 0
                ? this.searched[this.scope]
                  ? this.localize.format(t.noMatch, { query: this.searched[this.scope] })
                  : this.scope === 'global'
                    ? t.emptyGlobal
                    : t.empty
                : segments
                  ? this.localize.plural(t.total, this.shown?.total ?? segments.length)
                  : ''
        }
      </p>
    `;
  }

  private tableTemplate(): TemplateResult | typeof nothing {
    const segments = this.sortedRows;
    if (!segments || segments.length === 0) return nothing;
    const t = this.localize.section('segmentList');
    return html`
      <div
        role="table"
        part="table"
        class="table"
        aria-label=${this.scope === 'store' ? t.tabStore : t.tabGlobal}
        aria-rowcount=${segments.length + 1}
        aria-busy=${this.listing.pending}
      >
        <div role="rowgroup">
          <div role="row" class="row head" part="header-row" aria-rowindex="1">
            ${this.sortHeader('name', t.name)}
            <span role="columnheader">${t.type}</span>
            ${this.sortHeader('users', t.users, 'num')} ${this.sortHeader('updated', t.updated)}
            <span role="columnheader">${this.localize.section('trend').column}</span>
            <span role="columnheader"
              ><span class="sr-only">${t.actions.replace('{name}', '')}</span></span
            >
          </div>
        </div>
        <div role="rowgroup" class="body">
          ${
            segments.length > VIRTUALIZE_FROM
              ? virtualize({
                  layout: LAYOUT,
                  items: segments as Segment[],
                  keyFunction: (segment: Segment) => segment.id,
                  renderItem: (segment: Segment, index: number) => this.rowTemplate(segment, index),
                })
              : repeat(
                  segments,
                  (segment) => segment.id,
                  (segment, index) => this.rowTemplate(segment, index),
                )
          }
        </div>
      </div>
    `;
  }

  /** A column header that sorts: a button inside, `aria-sort` on the header. */
  private sortHeader(column: SortColumn, label: string, className = ''): TemplateResult {
    const direction = this.sort?.column === column ? this.sort.direction : undefined;
    return html`<span role="columnheader" class=${className} aria-sort=${direction ?? 'none'}>
      <button
        class="sort"
        part="sort-button"
        tabindex=${this.phone.matches ? -1 : 0}
        @click=${() => this.sortBy(column)}
      >
        ${label}<span class="arrow" aria-hidden="true"
          >${direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '↕'}</span
        >
      </button>
    </span>`;
  }

  /** The Updated cell: "3 days ago", the exact time as a tooltip and accessible description. */
  private updatedTemplate(segment: Segment, index: number): TemplateResult {
    const t = this.localize.section('segmentList');
    const time = updatedTime(segment);
    if (time === undefined) {
      return html`<span role="cell" class="updated"
        ><span aria-hidden="true">—</span><span class="sr-only">${t.updatedNever}</span></span
      >`;
    }
    const lang = this.localize.lang;
    const now = this.now?.getTime() ?? Date.now();
    const id = `updated-${index}`;
    const key = `${segment.id}|${segment.updatedAt}`;
    return html`<span role="cell" class="updated">
      <time
        datetime=${new Date(time).toISOString()}
        tabindex="0"
        part="updated"
        aria-describedby=${id}
        @keydown=${(event: KeyboardEvent) => {
          if (event.key === 'Escape') this.dismissedTip = key;
        }}
        @blur=${() => (this.dismissedTip = '')}
        @pointerleave=${() => (this.dismissedTip = '')}
        >${relativeTime(time, now, lang)}</time
      ><span
        role="tooltip"
        id=${id}
        part="tooltip"
        class="tooltip ${this.dismissedTip === key ? 'dismissed' : ''}"
        >${exactTime(time, lang, this.timeZone)}</span
      >
    </span>`;
  }

  private rowTemplate(segment: Segment, index: number): TemplateResult {
    const t = this.localize.section('segmentList');
    // While the delete dialog is open, the row it is about is the one highlighted.
    const confirming = this.confirming?.id === segment.id;
    const selected = this.confirming ? confirming : segment.id === this.selectedId;
    const type = segment.unreadable
      ? t.unreadable
      : segment.type === 'csv'
        ? t.typeCsv
        : segment.type === 'filter'
          ? t.typeFilter
          : t.typePredefined;
    const open = this.menu.open?.key === segment.id;
    return html`<div
      role="row"
      class="row ${selected ? 'selected' : ''}"
      part="row${selected ? (confirming ? ' row-confirming' : ' row-selected') : ''}"
      aria-rowindex=${index + 2}
      @click=${(event: Event) => this.onRowClick(event, segment)}
    >
      <span role="cell" class="name">
        <button
          class="link"
          aria-pressed=${segment.id === this.selectedId}
          @click=${() => this.select(segment)}
          title=${this.nameOf(segment)}
        >
          ${this.nameOf(segment)}
        </button>
        ${segment.readOnly ? html`<span class="sr-only">, ${t.readOnly}</span>` : nothing}
      </span>
      <span role="cell"
        ><span
          class="badge ${segment.unreadable ? 'unreadable' : segment.type}"
          part="type-badge"
          title=${segment.unreadable ?? nothing}
          >${type}</span
        ></span
      >
      <span role="cell" class="num">
        ${
          segment.progress
            ? html`<span class="importing" part="importing"
                >${this.localize.format(
                  importingText(t, segment.progress),
                  this.progressNumbers(segment.progress),
                )}</span
              >`
            : segment.memberCount === null
              ? html`<span aria-hidden="true">—</span
                  ><span class="sr-only">${t.countUnknown}</span>`
              : this.localize.number(segment.memberCount)
        }
      </span>
      ${this.updatedTemplate(segment, index)} ${this.trends.cell(segment)}
      <span role="cell" class="actions">
        ${
          segment.unreadable && segment.readOnly
            ? nothing
            : html`<button
                class="dots"
                part="menu-button"
                aria-haspopup="menu"
                aria-expanded=${open}
                aria-controls=${open ? 'row-menu' : nothing}
                aria-label=${this.localize.format(t.actions, { name: this.nameOf(segment) })}
                data-menu-button=${segment.id}
                @click=${(event: Event) =>
                  this.menu.toggle(segment.id, event.currentTarget as HTMLElement)}
                @keydown=${(event: KeyboardEvent) => this.menu.onButtonKeyDown(event, segment.id)}
              >
                <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
                  <circle cx="8" cy="3" r="1.5" />
                  <circle cx="8" cy="8" r="1.5" />
                  <circle cx="8" cy="13" r="1.5" />
                </svg>
              </button>`
        }
      </span>
    </div>`;
  }

  private menuTemplate(): TemplateResult | typeof nothing {
    const open = this.menu.open;
    const segment = open && this.segments?.find((s) => s.id === open.key);
    if (!open || !segment) return nothing;
    const t = this.localize.section('segmentList');
    const item = (label: string, action: () => void) =>
      html`<button role="menuitem" tabindex="-1" part="menu-item" @click=${action}>
        ${label}
      </button>`;
    return html`<div
      role="menu"
      id="row-menu"
      part="menu"
      class="menu"
      aria-label=${this.localize.format(t.actions, { name: this.nameOf(segment) })}
      style="top: 0; left: 0"
      @keydown=${(event: KeyboardEvent) => this.menu.onMenuKeyDown(event)}
    >
      ${
        segment.unreadable
          ? // Cannot be shown: deleting it is all that can be done with it.
            nothing
          : segment.status === 'importing'
            ? // Half-made: only finishing it or throwing it away make sense (and, for a file
              // added to or replacing a ready segment's contacts, going back to those).
              html`${item(t.resume, () => this.resume(segment))}
              ${
                segment.progress?.reopened
                  ? item(t.abandon, () => void this.abandon(segment))
                  : nothing
              }`
            : html`${segment.readOnly ? nothing : item(t.edit, () => this.edit(segment))}
              ${item(t.duplicate, () => void this.duplicate(segment))}
              ${item(t.viewMembers, () => this.view(segment))}
              ${item(t.exportCsv, () => this.view(segment, 'segment-export'))}`
      }
      ${segment.readOnly ? nothing : item(t.delete, () => this.askDelete(segment))}
    </div>`;
  }

  private dialogTemplate(): TemplateResult {
    const t = this.localize.section('segmentList');
    const segment = this.confirming;
    return html`<dialog
      part="dialog"
      aria-labelledby="delete-title"
      aria-describedby="delete-body"
      @close=${this.onDialogClose}
    >
      <h2 id="delete-title">${t.deleteTitle}</h2>
      <p id="delete-body">
        ${segment ? this.localize.format(t.deleteBody, { name: this.nameOf(segment) }) : ''}
      </p>
      <div class="dialog-buttons">
        <button @click=${() => this.dialog?.close()} autofocus>${t.cancel}</button>
        <button class="danger" ?disabled=${this.busy} @click=${() => void this.confirmDelete()}>
          ${t.deleteConfirm}
        </button>
      </div>
    </dialog>`;
  }

  /**
   * The predefined segments whose name in the page's language holds `search` (the adapter
   * matched their stored names only) and that are not in `found` already.
   */
  private async predefinedNamed(
    adapter: SegmentAdapter,
    search: string,
    found: readonly Segment[],
    signal: AbortSignal,
  ): Promise<Segment[]> {
    const names = this.localize.section('predefinedSegments') as Record<string, string | undefined>;
    const needle = searchKey(search);
    const ids = Object.keys(names).filter(
      (id) =>
        searchKey(names[id] ?? '').includes(needle) && !found.some((segment) => segment.id === id),
    );
    const answers = await Promise.allSettled(ids.map((id) => adapter.getSegment(id, { signal })));
    // A store without one of them (a not-found) simply does not list it.
    return answers.flatMap((answer) => (answer.status === 'fulfilled' ? [answer.value] : []));
  }

  /**
   * A copy of `segment`. In a language whose names differ from the stored ones (a predefined
   * segment's name, or the word for "copy"), the copy is named in that language, numbered on
   * while the name is taken; in English the adapter names it ("(copy)", "(copy 2)").
   */
  private async duplicateNamed(adapter: SegmentAdapter, segment: Segment): Promise<Segment> {
    const t = this.localize.section('segmentList');
    const shown = this.nameOf(segment);
    const english =
      shown === segment.name &&
      t.copyName === en.segmentList.copyName &&
      t.copyNameNumbered === en.segmentList.copyNameNumbered;
    if (english) return adapter.duplicateSegment(segment.id);
    for (let number = 1; number <= MAX_COPY_NUMBER; number++) {
      const template = number === 1 ? t.copyName : t.copyNameNumbered;
      const name = (base: string) => this.localize.format(template, { name: base, number });
      // Within the longest name a segment may have: the original's name is shortened.
      const over = name(shown).length - MAX_NAME_LENGTH;
      const copyName = over > 0 ? name(shown.slice(0, shown.length - over).trimEnd()) : name(shown);
      try {
        return await adapter.duplicateSegment(segment.id, { name: copyName });
      } catch (error) {
        if ((error as { code?: string })?.code !== 'name-taken') throw error;
      }
    }
    return adapter.duplicateSegment(segment.id);
  }

  /** A predefined segment's name in the page's language (by its id); others as named. */
  private nameOf(segment: Segment): string {
    if (segment.unreadable && !segment.name.trim()) {
      return this.localize.section('segmentList').unnamed;
    }
    if (segment.type !== 'predefined') return segment.name;
    const names = this.localize.section('predefinedSegments') as Record<string, string | undefined>;
    return names[segment.id] ?? segment.name;
  }

  // ---- behaviour ----

  /** A header pressed: that column in its first direction, or the other way if already sorted. */
  private sortBy(column: SortColumn): void {
    const direction =
      this.sort?.column === column
        ? this.sort.direction === 'ascending'
          ? 'descending'
          : 'ascending'
        : FIRST_DIRECTION[column];
    this.setSort({ column, direction });
  }

  private onSortSelect(event: Event): void {
    const [column, direction] = (event.target as HTMLSelectElement).value.split(' ');
    this.setSort(column ? ({ column, direction } as SortOrder) : null);
  }

  private setSort(sort: SortOrder | null): void {
    this.sort = sort;
    const t = this.localize.section('segmentList');
    const names = { name: t.name, users: t.users, updated: t.updated };
    this.announcement = sort
      ? this.localize.format(t.sorted, { column: names[sort.column], direction: t[sort.direction] })
      : t.sortDefault;
  }

  private selectTab(scope: SegmentScope): void {
    if (scope === this.scope) return;
    this.menu.close(false);
    this.scope = scope;
  }

  /** Tabs pattern: Left/Right (wrapping), Home/End move the selection and the focus. */
  private onTabKeyDown(event: KeyboardEvent): void {
    const index = SCOPES.indexOf(this.scope);
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % SCOPES.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + SCOPES.length) % SCOPES.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? SCOPES.length - 1
              : -1;
    if (next < 0) return;
    event.preventDefault();
    this.selectTab(SCOPES[next]);
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`#tab-${SCOPES[next]}`)?.focus(),
    );
  }

  private onSearchInput(event: Event): void {
    const scope = this.scope;
    const value = (event.target as HTMLInputElement).value;
    this.typed = { ...this.typed, [scope]: value };
    this.debounce.schedule(() => {
      this.searched = { ...this.searched, [scope]: value.trim() };
    });
  }

  /** Enter searches at once rather than after the pause. */
  private onSearchKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Enter') this.debounce.flush();
  }

  private onAdd(): void {
    this.dispatchEvent(segmentAddEvent());
  }

  private onRowClick(event: Event, segment: Segment): void {
    // Buttons in the row do their own thing; a click elsewhere on the row selects it.
    if ((event.composedPath()[0] as HTMLElement).closest?.('button')) return;
    this.select(segment);
  }

  private select(segment: Segment): void {
    this.selectedId = segment.id;
    this.dispatchEvent(new SegmentEvent('segment-select', segment));
  }

  private view(segment: Segment, event: 'segment-view' | 'segment-export' = 'segment-view'): void {
    this.menu.close(false);
    this.dispatchEvent(new SegmentEvent(event, segment));
  }

  private edit(segment: Segment): void {
    this.menu.close(true);
    this.dispatchEvent(new SegmentEvent('segment-edit', segment));
  }

  private resume(segment: Segment): void {
    this.menu.close(true);
    this.dispatchEvent(new SegmentEvent('segment-resume', segment));
  }

  private progressNumbers(progress: { received: number; expected: number }) {
    return {
      received: this.localize.number(progress.received),
      expected: this.localize.number(progress.expected),
    };
  }

  private async duplicate(segment: Segment): Promise<void> {
    this.menu.close(true);
    const adapter = this.adapters.value;
    if (!adapter) return;
    this.actionError = '';
    try {
      const copy = await this.duplicateNamed(adapter, segment);
      const t = this.localize.section('segmentList');
      this.announcement = this.localize.format(t.duplicated, { name: copy.name });
      this.dispatchEvent(new SegmentEvent('segment-duplicated', copy));
    } catch (error) {
      if (!isAbort(error)) this.actionError = errorMessage(error, this.localize.section('errors'));
    }
  }

  /** A reopened upload given up from the list: the segment goes back to its old contacts. */
  private async abandon(segment: Segment): Promise<void> {
    this.menu.close(true);
    const adapter = this.adapters.value;
    if (!adapter) return;
    this.actionError = '';
    try {
      const back = await adapter.abandonImport(segment.id);
      const t = this.localize.section('segmentList');
      this.announcement = this.localize.format(t.abandoned, {
        name: this.nameOf(back),
        total: this.localize.number(back.memberCount ?? 0),
      });
    } catch (error) {
      if (!isAbort(error)) this.actionError = errorMessage(error, this.localize.section('errors'));
    }
  }

  private askDelete(segment: Segment): void {
    this.menu.close(false);
    this.actionError = '';
    this.confirming = segment;
    void this.updateComplete.then(() => this.dialog?.showModal());
  }

  private async confirmDelete(): Promise<void> {
    const segment = this.confirming;
    const adapter = this.adapters.value;
    if (!segment || !adapter) return;
    this.busy = true;
    try {
      await adapter.deleteSegment(segment.id);
      this.deletedId = segment.id;
      if (this.selectedId === segment.id) this.selectedId = '';
      const t = this.localize.section('segmentList');
      this.announcement = this.localize.format(t.deleted, { name: this.nameOf(segment) });
      this.dispatchEvent(new SegmentDeletedEvent(segment.id));
    } catch (error) {
      if (!isAbort(error)) this.actionError = errorMessage(error, this.localize.section('errors'));
    } finally {
      this.busy = false;
      this.dialog?.close();
    }
  }

  private onDialogClose(): void {
    const segment = this.confirming;
    this.confirming = null;
    this.deletedId = segment?.id === this.deletedId ? this.deletedId : '';
    // Back to the row's menu button; the row is gone after a delete, so to the search field.
    const button =
      segment &&
      this.renderRoot.querySelector<HTMLElement>(`[data-menu-button="${CSS.escape(segment.id)}"]`);
    if (button && segment.id !== this.deletedId) button.focus();
    else this.renderRoot.querySelector<HTMLElement>('input[type=search]')?.focus();
  }
}

/** Keeps asking for pages until the adapter's total is reached (at most 100,000 segments). */
/** The Users column of an unfinished upload says whether it is a first file, an addition or a replacement. */
function importingText(t: typeof en.segmentList, progress: ImportProgress): string {
  const mode = progress.reopened?.mode;
  return mode === 'add' ? t.importingAdd : mode === 'replace' ? t.importingReplace : t.importing;
}

function pageHasMore(loaded: number, total: number): boolean {
  return loaded < total && loaded < 100_000;
}

/** A name as a search compares it: one Unicode form (typed ख़ or ख + ़ alike), any case. */
function searchKey(text: string): string {
  return text.normalize('NFC').trim().toLowerCase();
}

/** Predefined segments first, otherwise the adapter's order (stable). */
function predefinedFirst(items: Segment[]): Segment[] {
  const predefined = items.filter((s) => s.type === 'predefined');
  return predefined.length && predefined.length < items.length
    ? [...predefined, ...items.filter((s) => s.type !== 'predefined')]
    : items;
}
