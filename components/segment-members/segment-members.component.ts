import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { flow } from '@lit-labs/virtualizer/layouts/flow.js';
import {
  exportMembersCsv,
  foldText,
  type Customer,
  type Page,
  type Segment,
  type SegmentAdapter,
} from '../../src/core.ts';
import { SegmentAdapterController } from '../shared/adapter.ts';
import { AdapterTask } from '../shared/adapter-task.ts';
import { DebounceController } from '../shared/debounce.ts';
import { errorMessage, isAbort } from '../shared/error-messages.ts';
import { LocalizeController } from '../shared/localize.ts';
import { segmentBackEvent } from '../shared/events.ts';
import { fileSafe, saveBlob } from '../shared/save-file.ts';
import { segmentMembersStyles } from './segment-members.styles.ts';
import { TrendChartController } from './segment-members.trend.ts';

/** Members asked for a page: 200, the most any adapter serves. */
const PAGE = 200;
/** Tables longer than this are virtualized; shorter ones are plain rows (find-in-page sees them). */
const VIRTUALIZE_FROM = 100;
/** A search reads at most this many members (pages of 200) before saying how far it looked. */
const SEARCH_SCAN = 10_000;
const SEARCH_DELAY = 250;
const LAYOUT = flow();

interface Overview {
  segment: Segment;
  count: number;
  total: number;
  /** CSV segments: uploaded contacts that match no customer. */
  unmatched?: number;
}

/**
 * One segment: its name and type, its rule in words (a read-only `<filter-builder>` for filter,
 * predefined and global segments, with a sentence on what a predefined or global segment is),
 * how many members it has, and a table of them (name, email, phone, city, orders, total spent,
 * created on) read page by page through `listMembers` as it is scrolled, and searchable. Its size
 * over the last 90 days is a chart (`countHistory`) whose days a keyboard reads one by one (a
 * slider: Left/Right, Home/End), with the values as a table on request. For a
 * CSV segment it says how many uploaded contacts matched no customer. "Export CSV" writes every
 * member to a file with progress and Cancel (`exportMembersCsv`). Register `<filter-builder>`
 * too (the `user-segments` entry registers both).
 *
 * @tag segment-members
 * @summary One segment's rule, count and members, with Export CSV.
 *
 * @event segment-back - "Back to segments" was pressed.
 *
 * @csspart back-button - The "Back to segments" button.
 * @csspart rule - The read-only `<filter-builder>`.
 * @csspart search - The search field.
 * @csspart export-button - The "Export CSV" button.
 * @csspart table - The members table.
 * @csspart row - Each member's row.
 * @csspart status - Counts, search results and loading messages.
 * @csspart trend - The "Size over time" section.
 * @csspart trend-text - Its sentence ("up 12% in 89 days").
 * @csspart chart - The chart (a slider over its days).
 * @csspart chart-readout - The day the chart's slider is on and its count, shown below it.
 * @csspart trend-table - The table of every day's count ("Show as a table").
 * @csspart trend-error - The quiet message when the history cannot be read.
 * @csspart error - An error message and its Retry button.
 *
 * @cssproperty --us-color-border - Borders and row separators.
 * @cssproperty --us-color-muted - Secondary text.
 * @cssproperty --us-spacing - Base gap between parts.
 * @cssproperty --us-color-trend - The chart's line (default the accent colour).
 */
export class SegmentMembers extends LitElement {
  static override styles = segmentMembersStyles;

  /** The adapter; without it, the one provided by an ancestor (`provideSegmentAdapter`). */
  @property({ attribute: false }) adapter?: SegmentAdapter;

  /** The segment shown. */
  @property({ attribute: 'segment-id' }) segmentId = '';

  /** IANA time zone of the "Created on" days; default the browser's. */
  @property({ attribute: 'time-zone' }) timeZone?: string;

  @state() private typed = '';
  @state() private searched = '';
  /** Pages loaded after the first, for the first page they follow. */
  @state() private more: { after: Page<Customer>; items: Customer[]; next?: string } | undefined;
  @state() private loadingMore = false;
  @state() private moreError: unknown;
  @state() private exporting: { written: number; total: number } | null = null;
  @state() private exportMessage = '';
  @state() private exportError = '';
  private exportAbort?: AbortController;

  private readonly localize = new LocalizeController(this);
  private readonly adapters = new SegmentAdapterController(this);
  private readonly debounce = new DebounceController(this, SEARCH_DELAY);
  private readonly trend = new TrendChartController(
    this,
    this.adapters,
    this.localize,
    () => this.segmentId,
  );

  private readonly overview = new AdapterTask(this, this.adapters, {
    args: () => [this.segmentId] as const,
    task: async (adapter, [id], { signal }): Promise<Overview | undefined> => {
      if (!id) return undefined;
      const [segment, counted] = await Promise.all([
        adapter.getSegment(id, { signal }),
        adapter.countMembers({ segmentId: id }, { signal }),
      ]);
      const overview: Overview = { segment, count: counted.count, total: counted.total };
      if (segment.type === 'csv') {
        // Members are matched customers plus contacts matching none: count the customers.
        const matched = await adapter.countMembers(
          {
            filter: {
              combinator: 'and',
              rules: [{ field: 'segment', operator: 'in', value: [id] }],
            },
          },
          { signal },
        );
        overview.unmatched = Math.max(0, counted.count - matched.count);
      }
      return overview;
    },
  });

  private readonly firstPage = new AdapterTask(this, this.adapters, {
    args: () => [this.segmentId] as const,
    task: (adapter, [id], { signal }) =>
      id ? adapter.listMembers(id, { limit: PAGE }, { signal }) : Promise.resolve(undefined),
  });

  /** The members loaded so far, in the adapter's order. */
  get loadedMembers(): readonly Customer[] {
    const first = this.firstPage.value;
    if (!first) return [];
    return this.more?.after === first ? [...first.items, ...this.more.items] : first.items;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.exportAbort?.abort();
  }

  /** Moves focus to the Back button (what a page does when it opens this view). */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('[part~="back-button"]')?.focus(options);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('segmentId')) {
      this.typed = this.searched = '';
      this.exportAbort?.abort();
      this.exportMessage = this.exportError = '';
    }
  }

  protected override updated(): void {
    // A search reads on through the members (up to SEARCH_SCAN), a page at a time.
    if (this.searched && !this.loadingMore && this.nextCursor && !this.moreError) {
      if (this.loadedMembers.length < SEARCH_SCAN) void this.loadMore();
    }
  }

  protected override render(): TemplateResult {
    const t = this.localize.section('segmentMembers');
    return html`
      <div class="top">
        <button part="back-button" @click=${() => this.dispatchEvent(segmentBackEvent())}>
          ← ${t.back}
        </button>
      </div>
      ${this.overview.render({
        pending: () => html`<p class="status" part="status" role="status">${t.loading}</p>`,
        complete: (overview) => (overview ? this.overviewTemplate(overview) : nothing),
        error: (error) => this.errorTemplate(error, () => void this.overview.run()),
      })}
      ${
        // Above the table, in a box of the chart's height from the first render: the members
        // arriving below never move the chart, nor its history arriving Export CSV.
        this.overview.value ? this.trend.template() : nothing
      }
      ${this.overview.value ? this.membersTemplate() : nothing}
    `;
  }

  // ---- parts ----

  private overviewTemplate({ segment, count, total, unmatched }: Overview): TemplateResult {
    const t = this.localize.section('segmentMembers');
    const type =
      segment.scope === 'global'
        ? t.typeGlobal
        : segment.type === 'csv'
          ? t.typeCsv
          : segment.type === 'filter'
            ? t.typeFilter
            : t.typePredefined;
    const name = this.nameOf(segment);
    const note =
      segment.scope === 'global'
        ? t.globalNote
        : segment.type === 'predefined'
          ? t.predefinedNote
          : '';
    return html`
      <header>
        <h2 id="title">${name}</h2>
        <div class="meta">
          <span>${type}</span>
          <span class="count" part="status">
            ${this.localize.plural(t.countOf, count, { total: this.localize.number(total) })}
          </span>
        </div>
      </header>
      ${
        segment.filter
          ? html`<section aria-labelledby="rule-heading">
              <h3 id="rule-heading">${t.ruleHeading}</h3>
              <filter-builder
                part="rule"
                readonly
                aria-label=${this.localize.format(t.ruleLabel, { name })}
                .adapter=${this.adapters.value}
                .value=${segment.filter}
              ></filter-builder>
              ${note ? html`<p class="note">${note}</p>` : nothing}
            </section>`
          : nothing
      }
      ${
        segment.csv
          ? html`<p class="note">
              ${this.localize.format(t.csvNote, { file: segment.csv.fileName })}
              ${
                unmatched
                  ? this.localize.plural(t.unmatched, unmatched)
                  : count > 0
                    ? t.allMatched
                    : nothing
              }
            </p>`
          : nothing
      }
    `;
  }

  private membersTemplate(): TemplateResult {
    const t = this.localize.section('segmentMembers');
    const all = this.loadedMembers;
    const query = foldText(this.searched);
    const rows = query ? all.filter((c) => matches(c, query)) : all;
    const first = this.firstPage.value;
    return html`
      <section aria-labelledby="members-heading">
        <h3 id="members-heading">${t.membersHeading}</h3>
        <div class="toolbar">
          <input
            type="search"
            part="search"
            aria-label=${t.search}
            placeholder=${t.searchPlaceholder}
            .value=${this.typed}
            @input=${this.onSearchInput}
            @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && this.debounce.flush()}
          />
          ${this.exportTemplate()}
        </div>
      </section>
      ${
        this.firstPage.error && !isAbort(this.firstPage.error)
          ? this.errorTemplate(this.firstPage.error, () => void this.firstPage.run())
          : nothing
      }
      <p class="status" part="status" role="status">${this.statusText(rows.length, first)}</p>
      ${rows.length ? this.tableTemplate(rows) : nothing}
      ${this.moreError ? this.errorTemplate(this.moreError, () => void this.retryMore()) : nothing}
      ${
        !query && this.nextCursor && !this.moreError
          ? html`<button ?disabled=${this.loadingMore} @click=${() => void this.loadMore()}>
              ${this.loadingMore ? t.loadingMore : t.more}
            </button>`
          : nothing
      }
    `;
  }

  private exportTemplate(): TemplateResult {
    const t = this.localize.section('segmentMembers');
    const progress = this.exporting;
    return html`<div class="export">
      ${
        progress
          ? html`<progress
                aria-label=${t.exportProgress}
                max=${Math.max(progress.total, 1)}
                value=${progress.written}
              ></progress>
              <span>
                ${this.localize.format(t.exporting, {
                  written: this.localize.number(progress.written),
                  total: this.localize.number(progress.total),
                })}
              </span>
              <button @click=${() => this.exportAbort?.abort()}>${t.cancel}</button>`
          : html`<button part="export-button" @click=${() => void this.writeCsv()}>
              ${t.exportCsv}
            </button>`
      }
      <span role="status">${this.exportMessage}</span>
      ${this.exportError ? html`<span role="alert" part="error">${this.exportError}</span>` : nothing}
    </div>`;
  }

  private tableTemplate(rows: readonly Customer[]): TemplateResult {
    const t = this.localize.section('segmentMembers');
    const first = this.firstPage.value!;
    return html`<div
      role="table"
      part="table"
      class="table"
      aria-labelledby="members-heading"
      aria-rowcount=${this.searched ? rows.length + 1 : first.total + 1}
    >
      <div role="rowgroup">
        <div role="row" class="row head" aria-rowindex="1">
          <span role="columnheader">${t.colName}</span>
          <span role="columnheader">${t.colEmail}</span>
          <span role="columnheader">${t.colPhone}</span>
          <span role="columnheader">${t.colCity}</span>
          <span role="columnheader" class="num">${t.colOrders}</span>
          <span role="columnheader" class="num">${t.colSpent}</span>
          <span role="columnheader" class="num">${t.colCreated}</span>
        </div>
      </div>
      <div
        role="rowgroup"
        class="body ${rows.length > VIRTUALIZE_FROM ? 'long' : ''}"
        tabindex=${rows.length > VIRTUALIZE_FROM ? 0 : -1}
        aria-label=${t.membersHeading}
        @rangeChanged=${this.onRangeChanged}
      >
        ${
          rows.length > VIRTUALIZE_FROM
            ? virtualize({
                // The rowgroup scrolls by itself (see .long): the header stays in view.
                scroller: true,
                layout: LAYOUT,
                items: rows as Customer[],
                keyFunction: (c: Customer) => c.id,
                renderItem: (c: Customer, i: number) => this.rowTemplate(c, i),
              })
            : repeat(
                rows,
                (c) => c.id,
                (c, i) => this.rowTemplate(c, i),
              )
        }
      </div>
    </div>`;
  }

  private rowTemplate(c: Customer, index: number): TemplateResult {
    const t = this.localize.section('segmentMembers');
    const contact = c.id.startsWith('contact:');
    const cell = (label: string, value: string, cls = '') =>
      html`<span role="cell" class=${cls}><span class="label">${label}: </span>${value}</span>`;
    return html`<div role="row" class="row" part="row" aria-rowindex=${index + 2}>
      <span role="cell">
        ${contact ? html`<span class="muted">${t.notACustomer}</span>` : (c.name ?? '—')}
      </span>
      ${cell(t.colEmail, c.email ?? '—')} ${cell(t.colPhone, c.phone ?? '—')}
      ${cell(t.colCity, c.city ?? '—')}
      ${cell(t.colOrders, this.localize.number(c.ordersCount), 'num')}
      ${cell(t.colSpent, this.money(c.totalSpent), 'num')}
      ${cell(t.colCreated, this.day(c.createdAt), 'num')}
    </div>`;
  }

  private errorTemplate(error: unknown, retry: () => void): TemplateResult {
    const t = this.localize.section('segmentMembers');
    return html`<div class="error-box" role="alert" part="error">
      <span>${errorMessage(error, this.localize.section('errors'))}</span>
      <button @click=${retry}>${t.retry}</button>
    </div>`;
  }

  private statusText(matching: number, first: Page<Customer> | undefined): string {
    const t = this.localize.section('segmentMembers');
    if (!first) return this.firstPage.error ? '' : t.loading;
    if (first.total === 0) return t.none;
    const loaded = this.loadedMembers.length;
    if (this.searched) {
      const query = this.searched;
      if (this.nextCursor && loaded >= SEARCH_SCAN) {
        return this.localize.plural(t.matchesSoFar, matching, {
          query,
          scanned: this.localize.number(loaded),
        });
      }
      if (this.nextCursor || this.loadingMore) return t.loadingMore;
      return matching
        ? this.localize.plural(t.matches, matching, { query })
        : this.localize.format(t.noMatch, { query });
    }
    return this.localize.format(t.shown, {
      shown: this.localize.number(loaded),
      total: this.localize.number(first.total),
    });
  }

  // ---- behaviour ----

  private get nextCursor(): string | undefined {
    const first = this.firstPage.value;
    if (!first) return undefined;
    return this.more?.after === first ? this.more.next : first.next;
  }

  private async loadMore(): Promise<void> {
    const first = this.firstPage.value;
    const adapter = this.adapters.value;
    const cursor = this.nextCursor;
    if (!first || !adapter || !cursor || this.loadingMore) return;
    this.loadingMore = true;
    this.moreError = undefined;
    try {
      const page = await adapter.listMembers(this.segmentId, { cursor, limit: PAGE });
      if (this.firstPage.value !== first) return; // reloaded meanwhile: this page is stale
      const before = this.more?.after === first ? this.more.items : [];
      this.more = { after: first, items: [...before, ...page.items], next: page.next };
    } catch (error) {
      if (!isAbort(error)) this.moreError = error;
    } finally {
      this.loadingMore = false;
    }
  }

  private retryMore(): void {
    this.moreError = undefined;
    void this.loadMore();
  }

  /** The virtualizer shows rows near the end of what is loaded: load the next page. */
  private onRangeChanged(event: Event & { last?: number }): void {
    if (this.searched || event.last === undefined) return;
    if (event.last >= this.loadedMembers.length - 20) void this.loadMore();
  }

  private onSearchInput(event: Event): void {
    this.typed = (event.target as HTMLInputElement).value;
    this.debounce.schedule(() => (this.searched = this.typed.trim()));
  }

  /**
   * Writes every member to a CSV file (what "Export CSV" does), once the segment has loaded;
   * resolves when the file was handed to the browser, cancelled or refused.
   */
  async exportCsv(): Promise<void> {
    if (!this.overview.value) await this.overview.taskComplete.catch(() => undefined);
    await this.writeCsv();
  }

  private async writeCsv(): Promise<void> {
    const adapter = this.adapters.value;
    const overview = this.overview.value;
    if (!adapter || !overview) return;
    const t = this.localize.section('segmentMembers');
    const name = this.nameOf(overview.segment);
    const abort = new AbortController();
    this.exportAbort = abort;
    this.exportMessage = this.exportError = '';
    this.exporting = { written: 0, total: overview.count };
    try {
      const blob = await exportMembersCsv(adapter, overview.segment.id, {
        signal: abort.signal,
        timeZone: this.timeZone,
        headers: {
          name: t.colName,
          email: t.colEmail,
          phone: t.colPhone,
          city: t.colCity,
          ordersCount: t.colOrders,
          totalSpent: t.colSpent,
          createdOn: t.colCreated,
        },
        onProgress: (progress) => (this.exporting = progress),
      });
      const file = this.localize.format(t.exportFileName, { name: fileSafe(name, 'segment') });
      saveBlob(blob, file, this.renderRoot);
      this.exportMessage = this.localize.plural(t.exported, this.exporting?.written ?? 0, { file });
    } catch (error) {
      if (isAbort(error) || abort.signal.aborted) this.exportMessage = t.exportCancelled;
      else this.exportError = errorMessage(error, this.localize.section('errors'));
    } finally {
      if (this.exportAbort === abort) {
        this.exporting = null;
        this.exportAbort = undefined;
      }
    }
  }

  private nameOf(segment: Segment): string {
    if (segment.type !== 'predefined') return segment.name;
    const names = this.localize.section('predefinedSegments') as Record<string, string | undefined>;
    return names[segment.id] ?? segment.name;
  }

  private money(minor: number): string {
    return this.localize.number(minor / 100, { style: 'currency', currency: 'INR' });
  }

  private day(iso: string): string {
    return new Intl.DateTimeFormat(this.localize.lang, {
      dateStyle: 'medium',
      timeZone: this.timeZone,
    }).format(new Date(iso));
  }
}

/** Name, email, phone or city contains the (folded) query. */
function matches(c: Customer, query: string): boolean {
  for (const value of [c.name, c.email, c.phone, c.city]) {
    if (value && foldText(value).includes(query)) return true;
  }
  return false;
}
