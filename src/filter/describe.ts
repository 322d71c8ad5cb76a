import type { FilterGroup, FilterRule } from '../model.ts';
import { isFilterGroup } from '../model.ts';
import { PREDEFINED_SEGMENTS } from '../predefined.ts';
import { FIELDS, fieldById, type FieldDefinition, type Operator } from './fields.ts';
import {
  ENGLISH_FILTER_WORDS,
  operatorWord,
  type FilterSentenceWords,
  type FilterWords,
  type PluralWords,
} from './words.ts';

/** How the values of a sentence are written; each defaults to the English way. */
export interface DescribeValueFormat {
  /** A count or a rank. Default: Indian English digit grouping, "1,00,000". */
  number?: (value: number) => string;
  /** An amount in minor units (paise). Default: rupees, "₹1,500.00". */
  money?: (minorUnits: number) => string;
  /** A calendar day, `2024-01-31`. Default: "31 Jan 2024". */
  date?: (isoDay: string) => string;
}

export interface DescribeOptions {
  /** The name a seller knows a segment by; predefined segments are named without it. */
  segmentName?: (id: string) => string | undefined;
  fields?: readonly FieldDefinition[];
  /** The words to read the filter in: a translation table's two filter sections. English by default. */
  words?: FilterWords;
  /** The language of `words`, for plural forms ("1 day", "2 days"). Default `en`. */
  lang?: string;
  /** How numbers, amounts and days are written. */
  format?: DescribeValueFormat;
}

/**
 * A sentence for a filter, for list rows, confirmations and campaign summaries, in the words
 * of the table it is given (English by default): "Email ends with @gmail.com and Created on
 * is after 1 Jan 2024".
 *
 * It never throws: a filter that fails validation (an unknown field, a value of the wrong shape)
 * is still described as well as its parts allow, because the sentence is what helps a seller
 * see what is wrong with it.
 */
export function describeFilter(filter: FilterGroup, options: DescribeOptions = {}): string {
  const reader = new Reader(options);
  try {
    return reader.group(filter, true);
  } catch {
    return reader.words.unreadable;
  }
}

/** One condition's words apart, as describeFilter writes them; `value` is '' when it has none. */
export interface RuleWords {
  field: string;
  operator: string;
  value: string;
}

/**
 * One condition's field, operator and value in the words and formats describeFilter would use,
 * for a line that puts something between them (the customer's own value, say).
 */
export function describeRule(rule: FilterRule, options: DescribeOptions = {}): RuleWords {
  return new Reader(options).parts(rule);
}

// ---- helpers ----

class Reader {
  readonly words: FilterSentenceWords;
  private readonly operators: FilterWords['operators'];
  private readonly fields: readonly FieldDefinition[];
  private readonly plurals: Intl.PluralRules;
  private readonly number: (value: number) => string;
  private readonly money: (minorUnits: number) => string;
  private readonly date: (isoDay: string) => string;

  constructor(private readonly options: DescribeOptions) {
    const words = options.words ?? ENGLISH_FILTER_WORDS;
    this.words = words.filterSummary;
    this.operators = words.operators;
    this.fields = options.fields ?? FIELDS;
    this.plurals = pluralRules(options.lang ?? 'en');
    this.number = options.format?.number ?? ((value) => value.toLocaleString('en-IN'));
    this.money = options.format?.money ?? rupees;
    this.date = options.format?.date ?? calendarDay;
  }

  group(group: FilterGroup, top: boolean): string {
    const rules = Array.isArray(group?.rules) ? group.rules : [];
    const or = group?.combinator === 'or';
    const parts = rules
      .map((node) => this.node(node))
      .filter((part): part is string => part !== '');
    const body = parts.length ? parts.join(or ? this.words.or : this.words.and) : '';
    if (group?.not) return fill(this.words.not, { body: body || this.empty(or) });
    if (!parts.length) return this.empty(or);
    return top || parts.length === 1 ? body : `(${body})`;
  }

  private empty(or: boolean): string {
    return or ? this.words.none : this.words.all;
  }

  private node(node: FilterRule | FilterGroup): string {
    if (node === null || typeof node !== 'object') return '';
    if (isFilterGroup(node)) return this.group(node, false);
    return this.rule(node);
  }

  private rule(rule: FilterRule): string {
    const { field, operator, value } = this.parts(rule);
    return value === ''
      ? fill(this.words.ruleNoValue, { field, operator })
      : fill(this.words.rule, { field, operator, value });
  }

  parts(rule: FilterRule): RuleWords {
    const field = fieldById(this.fields, String(rule.field));
    const operator = String(rule.operator) as Operator;
    return {
      field: field?.label ?? String(rule.field ?? '?'),
      operator: operatorWord(this.operators, field?.type ?? '', String(rule.operator ?? '')),
      value:
        operator === 'isEmpty' || operator === 'isNotEmpty'
          ? ''
          : this.value(rule.value, field, operator),
    };
  }

  private value(value: unknown, field: FieldDefinition | undefined, operator: Operator): string {
    if (operator === 'inLast' || operator === 'notInLast') return this.period(value);
    if (operator === 'between' && Array.isArray(value)) {
      return fill(this.words.range, {
        from: this.one(value[0], field),
        to: this.one(value[1], field),
      });
    }
    if (Array.isArray(value)) {
      const last = operator === 'hasAll' ? this.words.listLastAnd : this.words.listLastOr;
      const items = value.map((item) => this.one(item, field));
      if (items.length <= 1) return items.join('');
      return items.slice(0, -1).join(this.words.listJoin) + last + items[items.length - 1];
    }
    return this.one(value, field);
  }

  private one(value: unknown, field: FieldDefinition | undefined): string {
    if (value === undefined || value === null) return '';
    switch (field?.type) {
      case 'money':
        return typeof value === 'number' && Number.isFinite(value)
          ? this.money(value)
          : plain(value);
      case 'number':
        return typeof value === 'number' && Number.isFinite(value)
          ? this.number(value)
          : plain(value);
      case 'date':
        return typeof value === 'string' && ISO_DAY.test(value) ? this.date(value) : plain(value);
      case 'boolean':
        return value === true ? this.words.yes : value === false ? this.words.no : plain(value);
      case 'segment':
        return typeof value === 'string' ? this.segmentName(value) : plain(value);
      default:
        return plain(value);
    }
  }

  private period(value: unknown): string {
    if (value === null || typeof value !== 'object') return plain(value);
    const { amount, unit } = value as { amount?: unknown; unit?: unknown };
    const forms: PluralWords | undefined =
      unit === 'days' || unit === 'weeks' || unit === 'months' ? this.words[unit] : undefined;
    if (!forms || typeof amount !== 'number' || !Number.isFinite(amount)) {
      return [plain(amount), plain(unit)].filter(Boolean).join(' ');
    }
    const form = forms[this.plurals.select(amount)] ?? forms.other;
    return fill(form, { count: this.number(amount) });
  }

  private segmentName(id: string): string {
    return (
      this.options.segmentName?.(id) ??
      PREDEFINED_SEGMENTS.find((segment) => segment.id === id)?.name ??
      id
    );
  }
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Fills `{placeholders}`; an unknown one stays visible rather than vanishing. */
function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match);
}

function pluralRules(lang: string): Intl.PluralRules {
  try {
    return new Intl.PluralRules(lang);
  } catch {
    // An invalid language tag must not cost the seller the sentence.
    return new Intl.PluralRules('en');
  }
}

const RUPEES = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR' });

/** Money is held in paise; sellers read rupees. */
const rupees = (minorUnits: number) => RUPEES.format(minorUnits / 100);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Filter dates are calendar days, so they are formatted from their digits, never through a Date. */
function calendarDay(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !month) return value;
  return `${Number(match[3])} ${month} ${match[1]}`;
}

function plain(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
