/**
 * The plain-language summary under the rules: `describeFilter`'s sentence in the words of the
 * element's translation table (the same words as its operator menu), with numbers, amounts and
 * days written as the element's language writes them.
 */
import {
  describeFilter,
  describeRule,
  isFilterGroup,
  type DescribeOptions,
  type FieldDefinition,
  type FilterGroup,
  type FilterRule,
  type RuleWords,
} from '../../src/core.ts';
import type { LocalizeController } from '../shared/localize.ts';
import { dateLocale } from './filter-builder.dates.ts';

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
  return describeFilter(filter, describeOptions(context));
}

/**
 * One rule's words apart — field label, operator and value — as the summary writes them in the
 * element's language, for a line that puts the customer's own value between them.
 */
export function ruleWords(rule: FilterRule, context: SummaryContext): RuleWords {
  return describeRule(rule, describeOptions(context));
}

function describeOptions(context: SummaryContext): DescribeOptions {
  const { localize, fields, segmentName, currency, currencyDigits } = context;
  return {
    fields,
    segmentName,
    // The same two sections the operator menu reads, so the menu and the sentence agree.
    words: {
      operators: localize.section('operators'),
      filterSummary: localize.section('filterSummary'),
    },
    lang: localize.lang,
    format: {
      number: (value) => localize.number(value),
      money: (minorUnits) =>
        localize.number(minorUnits / 10 ** currencyDigits, { style: 'currency', currency }),
      date: (isoDay) => dateText(isoDay, localize.lang),
    },
  };
}

/**
 * A calendar day (`2024-01-01`) as that language writes it ("1 जन॰ 2024"), the same day
 * everywhere (formatted in UTC, where the ISO date is midnight); anything else as it is.
 */
function dateText(iso: string, lang: string): string {
  const day = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(dateLocale(lang), {
      dateStyle: 'medium',
      timeZone: 'UTC',
    }).format(day);
  } catch {
    return iso;
  }
}
