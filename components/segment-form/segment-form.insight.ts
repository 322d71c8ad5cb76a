/**
 * What `<segment-form>` shows under the rules of a filter segment, refreshed with the live count:
 * - the edit's impact against the saved rules ("+120 join · 45 leave"), each number opening the
 *   first customers it stands for; counted with `countMembers` over the two rule sets combined
 *   (edited AND NOT saved, saved AND NOT edited), so every adapter answers it as it answers any
 *   count (the reference backend in one query each);
 * - a preview of the first ten matching customers (`listMembers({ filter })`);
 * - "Check a customer": find one by name, email or phone and see each condition with ✓ or ✗ and
 *   the value it read (`explainFilter`, compileFilter's exact semantics).
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import {
  PREDEFINED_SEGMENTS,
  explainFilter,
  isFilterGroup,
  validateFilter,
  type Customer,
  type FieldDefinition,
  type FilterGroup,
  type FilterRule,
  type GroupExplanation,
  type RuleExplanation,
  type SegmentAdapter,
  type SegmentLookup,
} from '../../src/core.ts';
import type { SegmentAdapterController } from '../shared/adapter.ts';
import { AdapterTask } from '../shared/adapter-task.ts';
import { errorMessage, isAbort } from '../shared/error-messages.ts';
import type { LocalizeController, Translation } from '../shared/localize.ts';
import { catalogue } from '../filter-builder/filter-builder.logic.ts';
import { ruleWords } from '../filter-builder/filter-builder.describe.ts';

/** How long editing must pause before impact and preview are asked for (as the live count). */
const DELAY = 300;
const PREVIEW_SIZE = 10;
const LIST_SIZE = 20;
const SEARCH_SIZE = 8;

export interface InsightOptions {
  /** Country of phone numbers without a country code. */
  defaultCountry: () => string;
  /** The time zone calendar days are read in when a customer is checked. */
  timeZone: () => string;
  /** ISO 4217 currency of money values (minor units). */
  currency: () => string;
}

type Strings = Translation['formInsight'];

export class FormInsight {
  /** The saved rules of the segment being edited; null when there is nothing to compare with. */
  private savedKey = '';
  /** The rules as they are now, when valid. */
  private currentKey = '';
  private current: FilterGroup | null = null;
  private shown: 'join' | 'leave' | null = null;
  private query = '';
  private picked: Customer | null = null;

  private readonly impact: AdapterTask<readonly [string, string], Impact | null>;
  private readonly preview: AdapterTask<
    readonly [string],
    { items: Customer[]; total: number } | null
  >;
  private readonly listed: AdapterTask<
    readonly [string, string, string],
    { items: Customer[]; total: number } | null
  >;
  private readonly found: AdapterTask<readonly [string], Customer[] | null>;
  private readonly explained: AdapterTask<
    readonly [Customer | null, string],
    { why: GroupExplanation; names: Map<string, string> } | null
  >;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    adapters: SegmentAdapterController,
    private readonly localize: LocalizeController,
    private readonly options: InsightOptions,
  ) {
    this.impact = new AdapterTask(host, adapters, {
      args: () => [this.savedKey, this.currentKey] as const,
      delay: DELAY,
      task: async (adapter, [saved, current], { signal }) => {
        if (!saved || !current || saved === current) return null;
        return impactOf(adapter, saved, current, signal);
      },
    });
    this.preview = new AdapterTask(host, adapters, {
      args: () => [this.currentKey] as const,
      delay: DELAY,
      task: async (adapter, [current], { signal }) =>
        current
          ? adapter.listMembers(
              { filter: JSON.parse(current) },
              { limit: PREVIEW_SIZE },
              { signal },
            )
          : null,
    });
    this.listed = new AdapterTask(host, adapters, {
      args: () => [this.shown ?? '', this.savedKey, this.currentKey] as const,
      delay: DELAY,
      task: async (adapter, [shown, saved, current], { signal }) =>
        shown && saved && current && saved !== current
          ? adapter.listMembers(
              { filter: change(shown as 'join' | 'leave', saved, current) },
              { limit: LIST_SIZE },
              { signal },
            )
          : null,
    });
    this.found = new AdapterTask(host, adapters, {
      args: () => [this.query] as const,
      delay: DELAY,
      task: async (adapter, [query], { signal }) => {
        const filter = searchFilter(query);
        if (!filter) return null;
        return (await adapter.listMembers({ filter }, { limit: SEARCH_SIZE }, { signal })).items;
      },
    });
    this.explained = new AdapterTask(host, adapters, {
      args: () => [this.picked, this.currentKey] as const,
      task: async (adapter, [customer, current], { signal }) => {
        if (!customer || !current) return null;
        const filter = JSON.parse(current) as FilterGroup;
        const { lookup, names } = await segmentsFor(adapter, filter, customer, signal);
        const why = explainFilter(filter, customer, {
          timeZone: this.options.timeZone(),
          defaultCountry: this.options.defaultCountry(),
          segments: lookup,
        });
        return { why, names };
      },
    });
  }

  /** The saved rules to compare edits with (null: a new segment, or nothing to compare). */
  setSaved(filter: FilterGroup | null): void {
    this.savedKey = filter && isValid(filter) ? JSON.stringify(filter) : '';
    this.shown = null;
    this.host.requestUpdate();
  }

  /** The rules as the seller has them now. */
  setCurrent(filter: FilterGroup): void {
    const valid = isValid(filter);
    this.current = valid ? filter : null;
    this.currentKey = valid ? JSON.stringify(filter) : '';
    this.host.requestUpdate();
  }

  render(): TemplateResult | typeof nothing {
    if (!this.current) return nothing;
    const t = this.localize.section('formInsight');
    return html`<section class="insight" part="insight">
      ${this.impactTemplate(t)} ${this.previewTemplate(t)} ${this.checkTemplate(t)}
    </section>`;
  }

  // ---- impact ----

  private impactTemplate(t: Strings): TemplateResult | typeof nothing {
    if (!this.savedKey || this.savedKey === this.currentKey) return nothing;
    const impact = this.impact.value;
    const error = this.impact.error;
    let body: TemplateResult | string;
    if (error !== undefined && !isAbort(error)) body = this.errorText(error);
    else if (!impact) body = t.counting;
    else if (impact.join === 0 && impact.leave === 0) body = t.noChange;
    else {
      body = html`${this.impactButton('join', impact.join, t)} ·
      ${this.impactButton('leave', impact.leave, t)}`;
    }
    return html`<div class="impact" part="impact">
      <span class="impact-label">${t.impactLabel}:</span>
      <span role="status" aria-busy=${this.impact.pending ? 'true' : 'false'}>${body}</span>
      ${this.shown ? this.listTemplate(t) : nothing}
    </div>`;
  }

  private impactButton(kind: 'join' | 'leave', count: number, t: Strings): TemplateResult {
    const label = this.localize.plural(kind === 'join' ? t.join : t.leave, count);
    return html`<button
      type="button"
      class="link"
      part="impact-button"
      aria-expanded=${this.shown === kind ? 'true' : 'false'}
      ?disabled=${count === 0}
      @click=${() => this.toggle(kind)}
    >
      ${label}
    </button>`;
  }

  private toggle(kind: 'join' | 'leave'): void {
    this.shown = this.shown === kind ? null : kind;
    this.host.requestUpdate();
  }

  private listTemplate(t: Strings): TemplateResult {
    const page = this.listed.value;
    const title = this.shown === 'join' ? t.joiningTitle : t.leavingTitle;
    const error = this.listed.error;
    return html`<div class="impact-list" part="impact-list">
      <h3>${title}</h3>
      ${
        error !== undefined && !isAbort(error)
          ? html`<p role="alert">${this.errorText(error)}</p>`
          : page
            ? this.customerTable(page, title, t)
            : html`<p role="status">${t.counting}</p>`
      }
      <button type="button" @click=${() => this.toggle(this.shown!)}>${t.close}</button>
    </div>`;
  }

  // ---- preview ----

  private previewTemplate(t: Strings): TemplateResult {
    const page = this.preview.value;
    const error = this.preview.error;
    return html`<div class="preview" part="preview">
      <h3 id="preview-title">${t.previewTitle}</h3>
      ${
        error !== undefined && !isAbort(error)
          ? html`<p role="alert">${this.errorText(error)}</p>`
          : !page
            ? nothing
            : page.items.length === 0
              ? html`<p>${t.previewEmpty}</p>`
              : this.customerTable(page, t.previewTitle, t)
      }
    </div>`;
  }

  private customerTable(
    page: { items: Customer[]; total: number },
    caption: string,
    t: Strings,
  ): TemplateResult {
    const rest = page.total - page.items.length;
    // The table scrolls sideways on a phone: its box takes focus so keys can scroll it too.
    return html`<div class="scroll" tabindex="0" role="region" aria-label=${caption}>
        <table class="customers" aria-label=${caption}>
          <thead>
            <tr>
              <th scope="col">${t.columnName}</th>
              <th scope="col">${t.columnEmail}</th>
              <th scope="col">${t.columnCity}</th>
              <th scope="col" class="number">${t.columnSpent}</th>
            </tr>
          </thead>
          <tbody>
            ${page.items.map(
              (c) =>
                html`<tr>
                  <td>${c.name ?? '—'}</td>
                  <td>${c.email ?? '—'}</td>
                  <td>${c.city ?? '—'}</td>
                  <td class="number">${this.money(c.totalSpent)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${rest > 0 ? html`<p class="hint">${this.localize.plural(t.more, rest)}</p>` : nothing}`;
  }

  // ---- check a customer ----

  private checkTemplate(t: Strings): TemplateResult {
    const results = this.found.value;
    return html`<div class="check" part="check">
      <h3 id="check-title">${t.checkTitle}</h3>
      <input
        type="search"
        aria-label=${t.checkSearch}
        placeholder=${t.checkSearch}
        autocomplete="off"
        .value=${this.query}
        @input=${(event: Event) => {
          this.query = (event.target as HTMLInputElement).value;
          this.host.requestUpdate();
        }}
      />
      ${
        results && this.query.trim()
          ? results.length === 0
            ? html`<p role="status">
                ${this.localize.format(t.checkNone, { query: this.query.trim() })}
              </p>`
            : html`<ul class="found" aria-label=${t.checkPick}>
                ${results.map(
                  (c) =>
                    html`<li>
                      <button
                        type="button"
                        class="link"
                        aria-pressed=${this.picked?.id === c.id ? 'true' : 'false'}
                        @click=${() => this.pick(c)}
                      >
                        ${customerName(c)}
                      </button>
                    </li>`,
                )}
              </ul>`
          : nothing
      }
      ${this.explanationTemplate(t)}
    </div>`;
  }

  private pick(customer: Customer): void {
    this.picked = customer;
    this.host.requestUpdate();
  }

  private explanationTemplate(t: Strings): TemplateResult | typeof nothing {
    if (!this.picked) return nothing;
    const error = this.explained.error;
    if (error !== undefined && !isAbort(error)) {
      return html`<p role="alert">${this.errorText(error)}</p>`;
    }
    const answer = this.explained.value;
    if (!answer) return nothing;
    const name = customerName(this.picked);
    return html`<div class="explanation" part="explanation" role="status">
      <p class=${answer.why.matched ? 'verdict in' : 'verdict out'}>
        ${this.localize.format(answer.why.matched ? t.checkIn : t.checkOut, { name })}
      </p>
      <ul>
        ${answer.why.children.map((node) => this.nodeTemplate(node, answer.names, t))}
      </ul>
    </div>`;
  }

  private nodeTemplate(
    node: GroupExplanation | RuleExplanation,
    names: Map<string, string>,
    t: Strings,
  ): TemplateResult {
    if (node.kind === 'group') {
      const label = node.not ? t.groupNot : node.combinator === 'or' ? t.groupAny : t.groupAll;
      return html`<li>
        ${label} ${this.mark(node.matched, t)}
        <ul>
          ${node.children.map((child) => this.nodeTemplate(child, names, t))}
        </ul>
      </li>`;
    }
    return html`<li>${this.ruleLine(node, names, t)} ${this.mark(node.matched, t)}</li>`;
  }

  /** "Created On 2 Mar 2024 — is after 1 Jan 2025". */
  private ruleLine(node: RuleExplanation, names: Map<string, string>, t: Strings): string {
    const fields = this.fields();
    const words = ruleWords(node.rule, {
      localize: this.localize,
      fields,
      segmentName: (id) => names.get(id),
      currency: this.options.currency(),
      currencyDigits: 2,
    });
    const field = fields.find((f) => f.id === node.rule.field);
    const value = this.customerValue(field, node, names, t);
    const condition = [words.operator, words.value].filter(Boolean).join(' ');
    return `${words.field} ${value} — ${condition}`;
  }

  private customerValue(
    field: FieldDefinition | undefined,
    node: RuleExplanation,
    names: Map<string, string>,
    t: Strings,
  ): string {
    const value = node.value;
    if (field?.type === 'segment') {
      const ids = value as string[];
      return ids.length
        ? this.localize.format(t.inSegments, {
            names: ids.map((id) => names.get(id) ?? id).join(', '),
          })
        : t.inNoSegment;
    }
    if (value === undefined || value === null || value === '') return `(${t.noValue})`;
    switch (field?.type) {
      case 'date':
        return node.day ? dayText(node.day, this.localize.lang) : String(value);
      case 'money':
        return typeof value === 'number' ? this.money(value) : String(value);
      case 'number':
        return typeof value === 'number' ? this.localize.number(value) : String(value);
      case 'boolean': {
        const b = this.localize.section('filterBuilder');
        return value === true ? b.yes : value === false ? b.no : String(value);
      }
      case 'tags':
        return Array.isArray(value) && value.length ? value.join(', ') : `(${t.noValue})`;
      default:
        return String(value);
    }
  }

  private mark(matched: boolean, t: Strings): TemplateResult {
    return html`<span class=${matched ? 'mark yes' : 'mark no'}
      ><span aria-hidden="true">${matched ? '✓' : '✗'}</span
      ><span class="sr-only"> ${matched ? t.matched : t.notMatched}</span></span
    >`;
  }

  // ---- helpers ----

  private fields(): FieldDefinition[] {
    return catalogue(undefined, this.localize.section('fieldLabels'));
  }

  private money(minor: number): string {
    return this.localize.number(minor / 100, {
      style: 'currency',
      currency: this.options.currency(),
    });
  }

  private errorText(error: unknown): string {
    return errorMessage(error, this.localize.section('errors'));
  }
}

// ---------------------------------------------------------------------------------------------

interface Impact {
  join: number;
  leave: number;
}

const isValid = (filter: FilterGroup) =>
  filter.rules.length > 0 && validateFilter(filter).length === 0;

/**
 * Who an edit adds (`join`: edited AND NOT saved) or drops (`leave`: saved AND NOT edited), as
 * one filter: a group's `not` is a plain negation, so flipping it negates the whole rule set.
 */
export function change(kind: 'join' | 'leave', savedKey: string, currentKey: string): FilterGroup {
  const saved = JSON.parse(savedKey) as FilterGroup;
  const current = JSON.parse(currentKey) as FilterGroup;
  const [keep, drop] = kind === 'join' ? [current, saved] : [saved, current];
  const negated: FilterGroup = { ...drop, not: drop.not !== true };
  // The kept rules stay at the top level when they are a plain AND: an adapter can then narrow
  // by them first (the LocalAdapter by its columns) and test the negated group on fewer rows.
  const kept = keep.combinator === 'and' && keep.not !== true ? keep.rules : [keep];
  return { combinator: 'and', rules: [...kept, negated] };
}

/**
 * How many customers an edit adds and drops. Two plain AND rule sets are counted as sets: with
 * E = edited, S = saved, |E AND NOT S| = |E| − |E AND S| and |S AND NOT E| = |S| − |E AND S|,
 * three conjunctions an adapter narrows by indexes or columns (|E| and |S| are usually counted
 * already). Other rule sets are counted as `change` writes them.
 */
export async function impactOf(
  adapter: SegmentAdapter,
  savedKey: string,
  currentKey: string,
  signal?: AbortSignal,
): Promise<{ join: number; leave: number }> {
  const saved = JSON.parse(savedKey) as FilterGroup;
  const current = JSON.parse(currentKey) as FilterGroup;
  const plainAnd = (g: FilterGroup) => g.combinator === 'and' && g.not !== true;
  if (plainAnd(saved) && plainAnd(current)) {
    const both: FilterGroup = { combinator: 'and', rules: [...current.rules, ...saved.rules] };
    const [edited, kept, shared] = await Promise.all([
      adapter.countMembers({ filter: current }, { signal }),
      adapter.countMembers({ filter: saved }, { signal }),
      adapter.countMembers({ filter: both }, { signal }),
    ]);
    return { join: edited.count - shared.count, leave: kept.count - shared.count };
  }
  const [join, leave] = await Promise.all([
    adapter.countMembers({ filter: change('join', savedKey, currentKey) }, { signal }),
    adapter.countMembers({ filter: change('leave', savedKey, currentKey) }, { signal }),
  ]);
  return { join: join.count, leave: leave.count };
}

/** Customers whose name, email or phone contains what was typed; undefined for nothing typed. */
export function searchFilter(query: string): FilterGroup | undefined {
  const text = query.trim();
  if (!text) return undefined;
  const rules: FilterRule[] = [
    { field: 'name', operator: 'contains', value: text },
    { field: 'email', operator: 'contains', value: text },
  ];
  // Digits (with separators) are also looked for in phone numbers.
  if (/^\+?[\d\s\-.()]{3,}$/.test(text) && /\d{3}/.test(text.replace(/\D/g, ''))) {
    rules.push({ field: 'phone', operator: 'contains', value: text });
  }
  return { combinator: 'or', rules };
}

const customerName = (c: Customer) => c.name || c.email || c.phone || c.id;

/** A calendar day ('2024-03-02') as the language writes it ("2 Mar 2024"). */
function dayText(day: string, lang: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

const PREDEFINED = new Set(PREDEFINED_SEGMENTS.map((s) => s.id));

/**
 * The segments a filter's `segment` rules name (and those they name), as explainFilter's
 * lookup: a filter segment by its filter; a CSV segment by whether this customer is one of its
 * members, asked of the adapter with the segment rule narrowed to the customer's phone or email.
 */
async function segmentsFor(
  adapter: SegmentAdapter,
  filter: FilterGroup,
  customer: Customer,
  signal: AbortSignal,
): Promise<{ lookup: SegmentLookup; names: Map<string, string> }> {
  const found = new Map<string, { filter: FilterGroup } | { memberIds: ReadonlySet<string> }>();
  const names = new Map<string, string>(PREDEFINED_SEGMENTS.map((s) => [s.id, s.name]));
  const pending = segmentIds(filter);
  while (pending.length && found.size < 100) {
    const id = pending.shift()!;
    if (found.has(id) || PREDEFINED.has(id)) continue;
    const segment = await adapter.getSegment(id, { signal });
    names.set(id, segment.name);
    if (segment.filter && segment.type !== 'csv') {
      found.set(id, { filter: segment.filter });
      pending.push(...segmentIds(segment.filter));
      continue;
    }
    const identity: FilterRule | undefined = customer.phone
      ? { field: 'phone', operator: 'equals', value: customer.phone }
      : customer.email
        ? { field: 'email', operator: 'equals', value: customer.email }
        : undefined;
    let member = false;
    if (identity) {
      const page = await adapter.listMembers(
        {
          filter: {
            combinator: 'and',
            rules: [{ field: 'segment', operator: 'in', value: [id] }, identity],
          },
        },
        { limit: 200 },
        { signal },
      );
      member = page.items.some((c) => c.id === customer.id);
    }
    found.set(id, { memberIds: new Set(member ? [customer.id] : []) });
  }
  return { lookup: (id) => found.get(id), names };
}

function segmentIds(filter: FilterGroup): string[] {
  return filter.rules.flatMap((node) =>
    isFilterGroup(node)
      ? segmentIds(node)
      : node.field === 'segment' && Array.isArray(node.value)
        ? (node.value as string[])
        : [],
  );
}
