/**
 * The plain-language summary under the rules. English is `describeFilter`'s own sentence (the
 * one lists and campaign summaries show); other languages build the same sentence from their
 * table's words, so a Hindi seller reads Hindi, not English with Hindi field names.
 */
import {
  describeFilter,
  isFilterGroup,
  type FieldDefinition,
  type FilterGroup,
  type FilterRule,
} from '../../src/core.ts';
import type { LocalizeController, Translation } from '../shared/localize.ts';
import { moneyText, operatorLabel } from './filter-builder.logic.ts';

export interface SummaryContext {
  localize: LocalizeController;
  fields: readonly FieldDefinition[];
  segmentName: (id: string) => string | undefined;
  currency: string;
  currencyDigits: number;
}

/**
 * The filter without the conditions that still have an issue (no value yet, a value that is not
 * valid): the summary speaks of complete conditions only, never "Email is" with nothing after.
 * Undefined when no condition is complete.
 */
export function completeOnly(
  filter: FilterGroup,
  issues: readonly { path: string }[],
): FilterGroup | undefined {
  const bad = issues.map((issue) => issue.path);
  const keep = (group: FilterGroup, path: string): FilterGroup | undefined => {
    const rules: FilterGroup['rules'] = [];
    group.rules.forEach((node, index) => {
      const at = `${path}rules.${index}`;
      if (isFilterGroup(node)) {
        const inner = keep(node, `${at}.`);
        if (inner) rules.push(inner);
      } else if (!bad.some((p) => p === at || p.startsWith(`${at}.`))) {
        rules.push(node);
      }
    });
    return rules.length ? { ...group, rules } : undefined;
  };
  return keep(filter, '');
}

export function summarise(filter: FilterGroup, context: SummaryContext): string {
  const { localize, fields, segmentName } = context;
  if (localize.lang.toLowerCase().split('-')[0] === 'en') {
    return describeFilter(filter, { fields, segmentName });
  }
  return new Summary(context).group(filter, true);
}

/**
 * One rule's words apart — field label, operator and value — as the summary writes them in the
 * element's language, for a line that puts the customer's own value between them.
 */
export function ruleWords(
  rule: FilterRule,
  context: SummaryContext,
): { field: string; operator: string; value: string } {
  return new Summary(context).parts(rule);
}

class Summary {
  private readonly words: Translation['filterSummary'];
  private readonly operators: Translation['operators'];
  private readonly builder: Translation['filterBuilder'];

  constructor(private readonly context: SummaryContext) {
    this.words = context.localize.section('filterSummary');
    this.operators = context.localize.section('operators');
    this.builder = context.localize.section('filterBuilder');
  }

  group(group: FilterGroup, top: boolean): string {
    const { localize } = this.context;
    const parts = group.rules.map((node) =>
      isFilterGroup(node) ? this.group(node, false) : this.rule(node),
    );
    const empty = group.combinator === 'or' ? this.words.none : this.words.all;
    const joiner = group.combinator === 'or' ? this.words.or : this.words.and;
    const body = parts.length ? parts.join(joiner) : empty;
    // NOT brackets its group itself; a nested group of several parts needs its own brackets.
    if (group.not) return localize.format(this.words.not, { body });
    return !top && parts.length > 1 ? `(${body})` : body;
  }

  parts(rule: FilterRule): { field: string; operator: string; value: string } {
    const field = this.context.fields.find((f) => f.id === rule.field);
    return {
      field: field?.label ?? String(rule.field),
      operator: operatorLabel(field?.type ?? '', rule.operator, this.operators),
      value: this.value(field, rule.operator, rule.value),
    };
  }

  private rule(rule: FilterRule): string {
    const { localize, fields } = this.context;
    const field = fields.find((f) => f.id === rule.field);
    const values = {
      field: field?.label ?? String(rule.field),
      operator: operatorLabel(field?.type ?? '', rule.operator, this.operators),
    };
    const value = this.value(field, rule.operator, rule.value);
    return value === ''
      ? localize.format(this.words.ruleNoValue, values)
      : localize.format(this.words.rule, { ...values, value });
  }

  private value(field: FieldDefinition | undefined, operator: string, value: unknown): string {
    const { localize } = this.context;
    if (value === undefined || value === null) return '';
    if (operator === 'inLast' || operator === 'notInLast') {
      const { amount, unit } = value as { amount?: unknown; unit?: string };
      const units: Record<string, string> = {
        days: this.builder.days,
        weeks: this.builder.weeks,
        months: this.builder.months,
      };
      return localize.format(this.words.relative, {
        amount: typeof amount === 'number' ? localize.number(amount) : String(amount ?? ''),
        unit: units[unit ?? ''] ?? String(unit ?? ''),
      });
    }
    if (operator === 'between' && Array.isArray(value)) {
      return localize.format(this.words.range, {
        from: this.one(field, value[0]),
        to: this.one(field, value[1]),
      });
    }
    if (Array.isArray(value)) return value.map((v) => this.one(field, v)).join(this.words.listJoin);
    return this.one(field, value);
  }

  private one(field: FieldDefinition | undefined, value: unknown): string {
    const { localize, currency, currencyDigits, segmentName } = this.context;
    if (value === undefined || value === null) return '…';
    switch (field?.type) {
      case 'money':
        return typeof value === 'number'
          ? localize.number(value / 10 ** currencyDigits, { style: 'currency', currency })
          : moneyText(value, currencyDigits);
      case 'number':
        return typeof value === 'number' ? localize.number(value) : String(value);
      case 'boolean':
        return value === true
          ? this.builder.yes
          : value === false
            ? this.builder.no
            : String(value);
      case 'segment':
        return segmentName(String(value)) ?? String(value);
      case 'date':
        return dateText(String(value), localize.lang);
      default:
        return String(value);
    }
  }
}

/**
 * A calendar day (`2024-01-01`) as that language writes it ("1 जन॰ 2024"), the same day
 * everywhere (formatted in UTC, where the ISO date is midnight); anything else as it is.
 */
function dateText(iso: string, lang: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const day = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(day);
}
