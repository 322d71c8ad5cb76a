/**
 * "Why is this customer in (or out)?" — a filter evaluated for one customer, rule by rule.
 * Every condition is tested by the very predicate compileFilter builds for it (compileResolved
 * over a one-condition group), and groups combine their children's verdicts as compile.ts does,
 * so the explanation's verdict is compileFilter's by construction, not by imitation.
 */
import type { Customer, FilterGroup, FilterRule } from '../model.ts';
import { SegmentError } from '../errors.ts';
import { compileResolved } from './compile.ts';
import { calendarDate, localDay, parseInstant } from './dates.ts';
import {
  resolveWithSource,
  type ResolveContext,
  type ResolvedGroup,
  type ResolvedNode,
} from './resolve.ts';

/** One rule of the filter, for one customer. */
export interface RuleExplanation {
  kind: 'rule';
  /** Where the rule sits in the filter, as validateFilter's issues name it ("rules.1.rules.0"). */
  path: string;
  /** The rule as it was evaluated (the validated copy). */
  rule: FilterRule;
  matched: boolean;
  /**
   * The customer's value the rule looked at, as stored (undefined when missing). For a
   * `segment` rule: the ids among those named whose segments hold the customer.
   */
  value: unknown;
  /**
   * Date rules only: the customer's calendar day ('YYYY-MM-DD') in the evaluation time zone,
   * the day the rule compared; absent when the customer has no readable date.
   */
  day?: string;
}

/** One group of the filter, for one customer. `matched` already applies `not`. */
export interface GroupExplanation {
  kind: 'group';
  path: string;
  combinator: 'and' | 'or';
  not: boolean;
  matched: boolean;
  children: (RuleExplanation | GroupExplanation)[];
}

/** The whole filter for one customer: `matched` is compileFilter(filter, ctx)(customer). */
export type FilterExplanation = GroupExplanation;

/**
 * Explains whether `customer` matches `filter` in `ctx` (time zone, 'now', default country,
 * segment lookup): for every rule and group, whether it matched and the value it read.
 * Throws SegmentError 'invalid' exactly when compileFilter would (an invalid filter or context,
 * an unreadable customer record).
 */
export function explainFilter(
  filter: unknown,
  customer: Customer,
  ctx: ResolveContext = {},
): FilterExplanation {
  const plan = planFor(filter, ctx);
  return new Explainer(customer as unknown as Row, plan).group(plan.source, plan.resolved, '');
}

// ---------------------------------------------------------------------------------------------

/** A resolved filter and the predicates of its nodes, built once for many customers. */
interface Plan {
  source: FilterGroup;
  resolved: ResolvedGroup;
  timeZone: string;
  tests: Map<ResolvedNode, (customer: Customer) => boolean>;
}

/**
 * Explaining one customer after another (a page of members) resolves the filter once: a plan is
 * kept for a filter evaluated at a fixed `now`, without a segment lookup or field catalogue
 * (whose answers could change between calls). Anything else is resolved afresh every call.
 */
const plans = new Map<string, Plan>();
const PLANS_KEPT = 32;

function planFor(filter: unknown, ctx: ResolveContext): Plan {
  const key = planKey(filter, ctx);
  const known = key === undefined ? undefined : plans.get(key);
  if (known) return known;
  const { resolved, filter: source } = resolveWithSource(filter, ctx);
  const timeZone = typeof ctx?.timeZone === 'string' ? ctx.timeZone : 'UTC';
  const plan: Plan = { source, resolved, timeZone, tests: new Map() };
  if (key !== undefined) {
    if (plans.size >= PLANS_KEPT) plans.delete(plans.keys().next().value!);
    plans.set(key, plan);
  }
  return plan;
}

function planKey(filter: unknown, ctx: ResolveContext | null | undefined): string | undefined {
  try {
    if (ctx == null) return undefined;
    const { now, timeZone, defaultCountry, segments, fields } = ctx;
    if (segments != null || fields != null) return undefined;
    const at =
      typeof now === 'string' ? now : now instanceof Date ? String(now.getTime()) : undefined;
    if (at === undefined) return undefined;
    return JSON.stringify([filter, at, timeZone ?? null, defaultCountry ?? null]);
  } catch {
    return undefined; // not plain data: resolved afresh, and refused there if unreadable
  }
}

// ---------------------------------------------------------------------------------------------

type Row = Record<string, unknown>;

class Explainer {
  constructor(
    private readonly row: Row,
    private readonly plan: Plan,
  ) {}

  group(source: FilterGroup, resolved: ResolvedGroup, path: string): GroupExplanation {
    const children = source.rules.map((node, index) => {
      const child = resolved.children[index]!;
      const at = `${path}${path ? '.' : ''}rules.${index}`;
      if ('rules' in node) return this.group(node, child as ResolvedGroup, at);
      return this.rule(node, child, at);
    });
    const verdicts = children.map((child) => child.matched);
    const combined =
      resolved.combinator === 'and' ? verdicts.every(Boolean) : verdicts.some(Boolean);
    return {
      kind: 'group',
      path,
      combinator: resolved.combinator,
      not: resolved.not,
      matched: combined !== resolved.not,
      children,
    };
  }

  private rule(rule: FilterRule, condition: ResolvedNode, path: string): RuleExplanation {
    const matched = this.test(condition);
    if (condition.kind === 'group') {
      // A `segment` rule: an 'or' over the named segments (negated for notIn).
      // Its children stand for the distinct ids, in order (see resolve.ts).
      const ids = [...new Set(rule.value as string[])];
      const holding = ids.filter((_, index) => this.test(condition.children[index]!));
      return { kind: 'rule', path, rule, matched, value: holding };
    }
    const value = 'property' in condition ? this.read(condition.property) : undefined;
    const explanation: RuleExplanation = { kind: 'rule', path, rule, matched, value };
    if (
      condition.kind === 'date' ||
      (condition.kind === 'empty' && condition.valueType === 'date')
    ) {
      const day = this.day(value);
      if (day !== undefined) explanation.day = day;
    }
    return explanation;
  }

  /** compileFilter's own predicate for one node. */
  private test(node: ResolvedNode): boolean {
    let test = this.plan.tests.get(node);
    if (!test) this.plan.tests.set(node, (test = compileResolved(asGroup(node))));
    return test(this.row as unknown as Customer);
  }

  private read(property: string): unknown {
    try {
      return this.row[property];
    } catch (cause) {
      throw new SegmentError('invalid', 'A customer record could not be read.', { cause });
    }
  }

  private day(value: unknown): string | undefined {
    if (typeof value !== 'string' || value === '') return undefined;
    const ms = parseInstant(value);
    if (!Number.isFinite(ms)) return undefined;
    const { year, month, day } = calendarDate(localDay(ms, this.plan.timeZone));
    return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

const asGroup = (node: ResolvedNode): ResolvedGroup =>
  node.kind === 'group' ? node : { kind: 'group', combinator: 'and', not: false, children: [node] };
