/**
 * The value editors of `<filter-builder>`, one per kind of value: text, phone, list chips, date,
 * date range, "in the last N days", number, money in major units, yes/no, and a segment picker.
 * Every editor's first control is named "Value" for assistive technology.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Segment } from '../../src/core.ts';
import type { EditorKind, FilterBuilderStrings } from './filter-builder.logic.ts';
import type { RuleNode } from './filter-builder.tree.ts';
import { moneyText } from './filter-builder.logic.ts';
import { addDays, dateInputText, datePattern, parseDateInput } from './filter-builder.dates.ts';

/** What an editor needs from the element. */
export interface EditorContext {
  s: FilterBuilderStrings;
  /** The input that changed ('a', 'b', 'amount', 'unit', 'chip', …) and its text. */
  onInput: (rule: RuleNode, key: string, text: string) => void;
  /** The seller left an input (or committed a choice): show its issues, fire `change`. */
  onCommit: (rule: RuleNode) => void;
  addChip: (rule: RuleNode, text: string) => void;
  removeChip: (rule: RuleNode, index: number) => void;
  segments: readonly Segment[];
  currencySymbol: string;
  currencyDigits: number;
  /** The element's language: dates are shown and read in its order. */
  lang: string;
  /** The E.164 a phone is saved as, when it differs from what was typed. */
  phoneShown: (text: string) => string | undefined;
}

/** An issue of the value: its message id and which input ('0', '1', 'amount', a list index). */
export interface ValueError {
  id: string;
  at?: string;
}

export function valueEditor(
  ctx: EditorContext,
  rule: RuleNode,
  kind: EditorKind,
  error: ValueError | undefined,
): TemplateResult | typeof nothing {
  const { s } = ctx;
  const aria = (at?: string) => {
    const invalid =
      error !== undefined && (error.at === undefined || at === undefined || error.at === at);
    return { invalid: invalid ? 'true' : 'false', describedBy: invalid ? error!.id : undefined };
  };
  const text = (key: string, value: string, label: string, options: InputOptions = {}) => {
    const a = aria(options.at);
    return html`<input
      type=${options.type ?? 'text'}
      inputmode=${options.inputmode ?? nothing}
      autocomplete="off"
      data-control=${key === 'a' ? 'value' : key}
      aria-label=${label}
      aria-invalid=${a.invalid}
      aria-describedby=${options.describedBy ?? a.describedBy ?? nothing}
      .value=${live(rule.raw[key] ?? value)}
      @input=${(e: Event) => ctx.onInput(rule, key, (e.target as HTMLInputElement).value)}
      @change=${() => ctx.onCommit(rule)}
    />`;
  };
  const pair = (value: unknown, index: number) =>
    Array.isArray(value) && value[index] != null ? value[index] : undefined;
  switch (kind) {
    case 'none':
      return nothing;
    case 'text':
      return text('a', stringOf(rule.value), s.value);
    case 'phone': {
      const shown = ctx.phoneShown(rule.raw.a ?? stringOf(rule.value));
      return html`${text('a', stringOf(rule.value), s.value, { type: 'tel' })}
      ${shown ? html`<span class="hint">${shown}</span>` : nothing}`;
    }
    case 'date':
      return html`${dateBox(ctx, rule, 'a', stringOf(rule.value), s.value, aria())}${dateHint(
        ctx,
        rule,
      )}`;
    case 'date-range':
      return html`${dateBox(ctx, rule, 'a', stringOf(pair(rule.value, 0)), s.value, aria('0'))}
        <span class="join">${s.betweenJoin}</span>
        ${dateBox(ctx, rule, 'b', stringOf(pair(rule.value, 1)), s.secondValue, aria('1'))}${dateHint(
          ctx,
          rule,
        )}`;
    case 'number':
      return text('a', stringOf(rule.value), s.value, { inputmode: 'decimal' });
    case 'number-range':
      return html`${text('a', stringOf(pair(rule.value, 0)), s.value, { inputmode: 'decimal', at: '0' })}
        <span class="join">${s.betweenJoin}</span>
        ${text('b', stringOf(pair(rule.value, 1)), s.secondValue, { inputmode: 'decimal', at: '1' })}`;
    case 'money':
      return money(ctx, text('a', moneyText(rule.value, ctx.currencyDigits), s.value, money$));
    case 'money-range':
      return html`${money(
          ctx,
          text('a', moneyText(pair(rule.value, 0), ctx.currencyDigits), s.value, {
            ...money$,
            at: '0',
          }),
        )}
        <span class="join">${s.betweenJoin}</span>
        ${money(
          ctx,
          text('b', moneyText(pair(rule.value, 1), ctx.currencyDigits), s.secondValue, {
            ...money$,
            at: '1',
          }),
        )}`;
    case 'relative': {
      const value = (rule.value ?? {}) as { amount?: unknown; unit?: string };
      const a = aria('unit');
      return html`${text('amount', stringOf(value.amount), s.value, { inputmode: 'numeric', at: 'amount' })}
        <select
          data-control="unit"
          aria-label=${s.unit}
          aria-invalid=${a.invalid}
          @change=${(e: Event) => {
            ctx.onInput(rule, 'unit', (e.target as HTMLSelectElement).value);
            ctx.onCommit(rule);
          }}
        >
          ${(['days', 'weeks', 'months'] as const).map(
            (unit) =>
              html`<option value=${unit} ?selected=${value.unit === unit}>${s[unit]}</option>`,
          )}
        </select>`;
    }
    case 'boolean':
      return html`<select
        data-control="value"
        aria-label=${s.value}
        @change=${(e: Event) => {
          ctx.onInput(rule, 'a', (e.target as HTMLSelectElement).value);
          ctx.onCommit(rule);
        }}
      >
        <option value="true" ?selected=${rule.value === true}>${s.yes}</option>
        <option value="false" ?selected=${rule.value === false}>${s.no}</option>
      </select>`;
    case 'list':
    case 'phone-list':
      return chips(ctx, rule, error, (item) => item);
    case 'segments':
      return segmentPicker(ctx, rule, error);
  }
}

interface InputOptions {
  type?: string;
  inputmode?: string;
  at?: string;
  describedBy?: string;
}

const money$ = { inputmode: 'decimal' } as const;

/**
 * A date box in the element's language: it shows and reads the date in that language's order
 * ("15/01/2024" in Hindi, "01/15/2024" in American English), asks for it with the pattern as its
 * placeholder, and Up and Down arrows move it by a day (from today when it is empty). The
 * filter keeps ISO `YYYY-MM-DD`.
 */
function dateBox(
  ctx: EditorContext,
  rule: RuleNode,
  key: 'a' | 'b',
  value: string,
  label: string,
  aria: { invalid: string; describedBy?: string },
): TemplateResult {
  const { s, lang } = ctx;
  const describedBy = [aria.describedBy, dateHintId(rule)].filter(Boolean).join(' ');
  const onKeydown = (e: KeyboardEvent) => {
    if ((e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || e.altKey || e.ctrlKey || e.metaKey) {
      return;
    }
    const input = e.target as HTMLInputElement;
    const typed = parseDateInput(input.value, lang);
    const next = typed === undefined ? today() : addDays(typed, e.key === 'ArrowUp' ? 1 : -1);
    if (!next) return;
    e.preventDefault();
    input.value = dateInputText(next, lang);
    ctx.onInput(rule, key, input.value);
    ctx.onCommit(rule);
  };
  return html`<input
    type="text"
    class="date"
    autocomplete="off"
    data-control=${key === 'a' ? 'value' : key}
    aria-label=${label}
    aria-invalid=${aria.invalid}
    aria-describedby=${describedBy}
    placeholder=${datePattern(lang, { day: s.dateDay, month: s.dateMonth, year: s.dateYear })}
    .value=${live(rule.raw[key] ?? dateInputText(value, lang))}
    @input=${(e: Event) => ctx.onInput(rule, key, (e.target as HTMLInputElement).value)}
    @keydown=${onKeydown}
    @change=${() => ctx.onCommit(rule)}
  />`;
}

const dateHintId = (rule: RuleNode) => `date-hint-${rule.id}`;

function dateHint(ctx: EditorContext, rule: RuleNode): TemplateResult {
  const { s, lang } = ctx;
  const pattern = datePattern(lang, { day: s.dateDay, month: s.dateMonth, year: s.dateYear });
  return html`<span class="sr-only" id=${dateHintId(rule)}
    >${s.dateHint.replace('{pattern}', pattern)}</span
  >`;
}

/** Today in the seller's own time zone, as ISO. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function money(ctx: EditorContext, input: TemplateResult): TemplateResult {
  return html`<span class="money"
    ><span class="currency" aria-hidden="true">${ctx.currencySymbol}</span>${input}</span
  >`;
}

/** Chips for a list: Enter or comma adds what is typed, Backspace in an empty box or × removes. */
function chips(
  ctx: EditorContext,
  rule: RuleNode,
  error: ValueError | undefined,
  label: (item: string) => string,
): TemplateResult {
  const { s } = ctx;
  const items = Array.isArray(rule.value) ? rule.value.map(String) : [];
  const hintId = `chips-hint-${rule.id}`;
  const describedBy = [error?.id, hintId].filter(Boolean).join(' ');
  const onKeydown = (e: KeyboardEvent) => {
    const input = e.target as HTMLInputElement;
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      if (input.value.trim()) ctx.addChip(rule, input.value);
    } else if (e.key === 'Backspace' && input.value === '' && items.length) {
      e.preventDefault();
      ctx.removeChip(rule, items.length - 1);
    }
  };
  return html`<div class="chips" part="chips">
    ${items.map(
      (item, index) =>
        html`<span class="chip" part="chip"
          >${label(item)}<button
            type="button"
            class="chip-remove"
            aria-label=${ctx.s.removeChip.replace('{value}', label(item))}
            @click=${() => ctx.removeChip(rule, index)}
          >
            ×
          </button></span
        >`,
    )}
    <input
      type="text"
      data-control="value"
      autocomplete="off"
      aria-label=${s.value}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${describedBy}
      .value=${live(rule.raw.chip ?? '')}
      @input=${(e: Event) => ctx.onInput(rule, 'chip', (e.target as HTMLInputElement).value)}
      @keydown=${onKeydown}
      @change=${(e: Event) => {
        // Leaving the box keeps what was typed as a chip, rather than losing it.
        const input = e.target as HTMLInputElement;
        if (input.value.trim()) ctx.addChip(rule, input.value);
        ctx.onCommit(rule);
      }}
    />
    <span class="sr-only" id=${hintId}>${s.chipsHint}</span>
  </div>`;
}

/** Chips of chosen segments, by name, and a select of the others. */
function segmentPicker(
  ctx: EditorContext,
  rule: RuleNode,
  error: ValueError | undefined,
): TemplateResult {
  const chosen = Array.isArray(rule.value) ? rule.value.map(String) : [];
  const name = (id: string) => ctx.segments.find((segment) => segment.id === id)?.name ?? id;
  const others = ctx.segments.filter((segment) => !chosen.includes(segment.id));
  return html`<div class="chips" part="chips">
    ${chosen.map(
      (id, index) =>
        html`<span class="chip" part="chip"
          >${name(id)}<button
            type="button"
            class="chip-remove"
            aria-label=${ctx.s.removeChip.replace('{value}', name(id))}
            @click=${() => ctx.removeChip(rule, index)}
          >
            ×
          </button></span
        >`,
    )}
    <select
      data-control="value"
      aria-label=${ctx.s.value}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${error?.id ?? nothing}
      @change=${(e: Event) => {
        const select = e.target as HTMLSelectElement;
        if (select.value) ctx.addChip(rule, select.value);
        select.value = '';
        ctx.onCommit(rule);
      }}
    >
      <option value="" selected>${ctx.s.chooseSegment}</option>
      ${others.map((segment) => html`<option value=${segment.id}>${segment.name}</option>`)}
    </select>
  </div>`;
}

const stringOf = (value: unknown): string =>
  value === undefined || value === null ? '' : String(value);
