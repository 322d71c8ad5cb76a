/**
 * The one place where a filter's raw JSON values are interpreted. `resolveFilter` validates a
 * filter and turns it into a `ResolvedGroup`: every value normalised (case-folded text, E.164
 * phones, epoch-millisecond date bounds, de-duplicated lists) and every `segment` rule inlined.
 * `compileFilter` (JS) and `filterToSql` (SQL) both consume this shape and never look at the raw
 * filter again, so the browser and the database agree by construction.
 *
 * Semantics every consumer must follow:
 * - Every condition is two-valued: true or false for every customer, a missing value included
 *   (never SQL's "unknown"), so a group's `not` is a plain boolean negation.
 * - Missing = undefined or null (SQL NULL).
 * - Text comparisons fold case code point by code point with the engine's own table (Unicode
 *   simple case folding plus İ → i), never the database's locale; see text.ts.
 * - Customer dates (createdAt, firstOrderAt, lastOrderAt) are ISO 8601 instants; a date
 *   condition is a half-open UTC range [from, to) of epoch milliseconds. An empty string is
 *   treated as missing for dates. A date and time written without an offset, there or in
 *   ctx.now, is UTC, as SQLite reads it (never the time zone of the machine running the code).
 * - Predefined segments named by `segment` rules resolve against the built-in FIELDS, even when
 *   ctx.fields leaves out the fields they use.
 * - A host catalogue (ctx.fields) can only narrow what a type allows: an operator outside
 *   OPERATORS_BY_TYPE for the field's type is 'operator-not-allowed'.
 * - Group nesting: the top-level group is level 1; groups may nest up to level 5. At most 100
 *   conditions in all, and at most 1,000 counting those of the segments it includes (so a
 *   resolved filter stays small however segments name one another). Conditions of a group may
 *   be evaluated in any order (they are pure).
 *
 * Value shapes (what validateFilter accepts):
 * - string: a non-empty string; in/notIn: a non-empty array of non-empty strings.
 * - phone: equals/notEquals/in/notIn: numbers that normalisePhone reads (default country
 *   ctx.defaultCountry, 'IN'); startsWith/contains: partial numbers, see phone-values.ts.
 * - date: 'YYYY-MM-DD', a real calendar date, years 1000–9998; between: [low, high] with
 *   low ≤ high; inLast/notInLast: { amount: integer 1–10,000, unit: 'days'|'weeks'|'months' }.
 *   A relative range reaching before the year 1000 is left open below.
 * - number: a finite number; money: a safe integer (minor units); between: [low, high], low ≤ high.
 * - boolean: true or false. tags: a non-empty array of non-empty strings.
 * - segment: a non-empty array of segment ids. isEmpty/isNotEmpty: no value (undefined or null).
 */
import type { Customer, EvaluationContext, FilterGroup, FilterRule, Issue } from '../model.ts';
import { SegmentError } from '../errors.ts';
import { normalisePhone } from '../phone.ts';
import { PREDEFINED_SEGMENTS } from '../predefined.ts';
import { FIELDS, fieldById, type FieldDefinition, type FieldType } from './fields.ts';
import { foldText } from './text.ts';
import { dateRange, resolveClock, type Clock } from './dates.ts';
import { phonePrefix, phoneDigits } from './phone-values.ts';
import { checkFilter, contextIssues, type ResolvedSegment } from './validate.ts';

// ---------------------------------------------------------------------------------------------
// The contract between resolve.ts and its consumers (compile.ts, sql.ts).
// ---------------------------------------------------------------------------------------------

/**
 * How a `segment` rule finds the segment an id names. A filter segment is inlined; a CSV segment
 * tests membership. Predefined segment ids (PREDEFINED_SEGMENTS) resolve without a lookup.
 * Returns undefined for an unknown id.
 */
export type SegmentLookup = (
  id: string,
) => { filter: FilterGroup } | { memberIds: ReadonlySet<string> } | undefined;

/** What resolveFilter (and so compileFilter) needs besides the filter. */
export interface ResolveContext extends EvaluationContext {
  /** Finds the segments that `segment` rules name. */
  segments?: SegmentLookup;
  /** The field catalogue; defaults to FIELDS. */
  fields?: readonly FieldDefinition[];
}

/** A customer attribute a condition reads. */
export type CustomerProperty = keyof Customer;

/** A node of a resolved filter. */
export type ResolvedNode = ResolvedGroup | ResolvedCondition;

/** A group of conditions: `and` = all children true, `or` = any; `not` negates the result. */
export interface ResolvedGroup {
  kind: 'group';
  combinator: 'and' | 'or';
  not: boolean;
  /** Never empty. */
  children: ResolvedNode[];
}

/** One evaluation-ready condition. `kind` says which fields are present. */
export type ResolvedCondition =
  | TextCondition
  | TextInCondition
  | EmptyCondition
  | NumberCondition
  | NumberBetweenCondition
  | DateCondition
  | BooleanCondition
  | TagsCondition
  | MemberCondition;

interface FieldCondition {
  /** The filter's field id, e.g. 'createdOn' (map it to a column in SQL). */
  field: string;
  /** The Customer property read, e.g. 'createdAt'. */
  property: CustomerProperty;
}

/**
 * A string or phone compared with one operand.
 * - `fold`: true for string fields: case-fold the customer's value before comparing; `value` is
 *   already folded. False for phones: E.164 values are compared as they are.
 * - For phones, `value` is an E.164 number (equals/notEquals), an E.164 prefix starting with '+'
 *   (startsWith), or digits only (contains; compared against the E.164 string, whose '+' never
 *   matches a digit).
 * - Missing value: notEquals and notContains are true, the others false. '' is present.
 */
export interface TextCondition extends FieldCondition {
  kind: 'text';
  op: 'equals' | 'notEquals' | 'contains' | 'notContains' | 'startsWith' | 'endsWith';
  value: string;
  fold: boolean;
}

/**
 * `in` / `notIn` on a string or phone: the customer's value (case-folded when `fold`) is one of
 * `values` (already folded / E.164, de-duplicated, never empty). `negate` = notIn, which is true
 * for a missing value.
 */
export interface TextInCondition extends FieldCondition {
  kind: 'textIn';
  negate: boolean;
  values: readonly string[];
  fold: boolean;
}

/**
 * isEmpty (`negate` false) / isNotEmpty (`negate` true). Empty = missing, or '' for string, phone
 * and date fields, or an empty list for tags.
 */
export interface EmptyCondition extends FieldCondition {
  kind: 'empty';
  negate: boolean;
  valueType: 'string' | 'phone' | 'date' | 'tags';
}

/**
 * A number or money comparison with one finite operand (money: integer minor units).
 * Missing value: notEquals is true, the others false.
 */
export interface NumberCondition extends FieldCondition {
  kind: 'number';
  op: 'equals' | 'notEquals' | 'gt' | 'gte' | 'lt' | 'lte';
  value: number;
}

/** `between` on a number or money field: low ≤ value ≤ high (low ≤ high). Missing: false. */
export interface NumberBetweenCondition extends FieldCondition {
  kind: 'numberBetween';
  low: number;
  high: number;
}

/**
 * Every date operator except isEmpty/isNotEmpty: the customer's instant t satisfies
 * from ≤ t < to (a null bound is unbounded; never both null). `negate` (notInLast) negates the
 * range test and is true for a missing value; otherwise a missing value is false.
 * Bounds are epoch milliseconds and the same instants as ISO strings
 * ('YYYY-MM-DDTHH:mm:ss.sssZ', from Date#toISOString), whole seconds, so SQL can bind either.
 */
export interface DateCondition extends FieldCondition {
  kind: 'date';
  negate: boolean;
  from: number | null;
  to: number | null;
  fromIso: string | null;
  toIso: string | null;
}

/** `equals` on a boolean field. Missing value: false (for `equals false` too). */
export interface BooleanCondition extends FieldCondition {
  kind: 'boolean';
  value: boolean;
}

/**
 * Tags, compared case-insensitively (text.ts): `values` are folded, de-duplicated, never empty.
 * hasAny: some customer tag is in values; hasAll: every value is among the customer's tags;
 * hasNone: no customer tag is in values. A missing tag list is an empty list.
 */
export interface TagsCondition extends FieldCondition {
  kind: 'tags';
  op: 'hasAny' | 'hasAll' | 'hasNone';
  values: readonly string[];
}

/**
 * Membership of a CSV segment: customer.id ∈ memberIds (in SQL: the customer's id is in
 * segment_members for `segmentId`). A `segment` rule resolves to an `or` group of one child per
 * id (an inlined filter segment or a MemberCondition), with `not` set for notIn.
 */
export interface MemberCondition {
  kind: 'member';
  field: 'segment';
  segmentId: string;
  memberIds: ReadonlySet<string>;
}

/** Which Customer property each built-in field reads; a host's own field reads its id. */
export const FIELD_PROPERTIES: Readonly<Record<string, CustomerProperty>> = {
  email: 'email',
  phone: 'phone',
  name: 'name',
  city: 'city',
  state: 'state',
  createdOn: 'createdAt',
  firstOrderOn: 'firstOrderAt',
  lastOrderOn: 'lastOrderAt',
  ordersCount: 'ordersCount',
  totalSpent: 'totalSpent',
  spendRank: 'spendRank',
  tags: 'tags',
  acceptsMarketing: 'acceptsMarketing',
};

/**
 * Validates `filter` (and the context) and resolves it. Throws SegmentError 'invalid' carrying
 * every issue when the filter or the context is not valid; never returns a partial result.
 */
export function resolveFilter(filter: unknown, context?: ResolveContext | null): ResolvedGroup {
  return resolveWithSource(filter, context).resolved;
}

/**
 * resolveFilter, also answering the validated copy of the filter it resolved: `resolved` mirrors
 * it node for node (a `segment` rule becomes an 'or' group over its distinct ids), which is how
 * explainFilter pairs each rule with its condition.
 */
export function resolveWithSource(
  filter: unknown,
  context?: ResolveContext | null,
): { resolved: ResolvedGroup; filter: FilterGroup } {
  const ctx = readContext(context);
  const issues: Issue[] = contextIssues(ctx);
  if (issues.length === 0) {
    // Without a lookup only predefined segments exist: compiling needs to know every id.
    const checked = checkFilter(filter, ctx.fields, {
      segments: ctx.segments ?? noSegments,
      defaultCountry: ctx.defaultCountry,
    });
    if (checked.issues.length === 0) {
      // The copies validated are the ones compiled: nothing is read from the host twice.
      const resolver = new Resolver(checked.fields, ctx, checked.segments);
      return { resolved: resolver.group(checked.filter), filter: checked.filter };
    }
    issues.push(...checked.issues);
  }
  throw new SegmentError('invalid', issues[0]!.message, { issues });
}

// ---------------------------------------------------------------------------------------------

const noSegments: SegmentLookup = () => undefined;

/**
 * The context read once into plain data. Reading it may throw (a getter, a Proxy): that is an
 * invalid context, reported like the others.
 */
function readContext(context: ResolveContext | null | undefined): ResolveContext {
  // null, from a host's JavaScript, means the defaults just as a missing context does.
  if (context == null) return {};
  try {
    const { now, timeZone, defaultCountry, segments, fields } = context;
    return {
      // A Date is read through Date.prototype, so a subclass cannot answer differently later.
      now: now instanceof Date ? new Date(Date.prototype.getTime.call(now)) : now,
      timeZone,
      defaultCountry,
      segments: typeof segments === 'function' ? segments : undefined,
      fields,
    };
  } catch (cause) {
    const issue = { path: 'ctx', code: 'unreadable', message: 'The context could not be read.' };
    throw new SegmentError('invalid', issue.message, { issues: [issue], cause });
  }
}

const PREDEFINED_FILTERS = new Map(PREDEFINED_SEGMENTS.map((s) => [s.id, s.filter]));

/** Turns a filter that validateFilter accepted into its resolved form. */
class Resolver {
  private readonly clock: Clock;
  private readonly country: string;
  /** Filter segments resolved once, however many rules name them. */
  private readonly inlined = new Map<string, ResolvedGroup>();

  constructor(
    private readonly fields: readonly FieldDefinition[],
    private readonly ctx: ResolveContext,
    private readonly found: ReadonlyMap<string, ResolvedSegment>,
  ) {
    this.clock = resolveClock(ctx.now, ctx.timeZone ?? 'UTC');
    this.country = ctx.defaultCountry ?? 'IN';
  }

  group(group: FilterGroup): ResolvedGroup {
    return {
      kind: 'group',
      combinator: group.combinator,
      not: group.not === true,
      children: group.rules.map((node) => ('rules' in node ? this.group(node) : this.rule(node))),
    };
  }

  private rule(rule: FilterRule): ResolvedNode {
    const definition = fieldById(this.fields, rule.field)!;
    if (definition.type === 'segment') return this.segmentRule(rule);
    const base: FieldCondition = {
      field: definition.id,
      // hasOwn: a host's field named like an Object.prototype member ('constructor') reads its id.
      property: Object.hasOwn(FIELD_PROPERTIES, definition.id)
        ? FIELD_PROPERTIES[definition.id]!
        : (definition.id as CustomerProperty),
    };
    const op = rule.operator;
    const value = rule.value;
    const type = definition.type;
    if (op === 'isEmpty' || op === 'isNotEmpty') {
      return { ...base, kind: 'empty', negate: op === 'isNotEmpty', valueType: emptyType(type) };
    }
    switch (type) {
      case 'string':
        return this.textRule(base, op, value, true);
      case 'phone':
        return this.textRule(base, op, value, false);
      case 'number':
      case 'money':
        if (op === 'between') {
          const [low, high] = value as [number, number];
          return { ...base, kind: 'numberBetween', low, high };
        }
        return { ...base, kind: 'number', op: op as NumberCondition['op'], value: value as number };
      case 'date':
        return {
          ...base,
          kind: 'date',
          negate: op === 'notInLast',
          ...dateRange(op, value, this.clock),
        };
      case 'boolean':
        return { ...base, kind: 'boolean', value: value as boolean };
      case 'tags':
        return {
          ...base,
          kind: 'tags',
          op: op as TagsCondition['op'],
          values: unique((value as string[]).map(foldText)),
        };
    }
  }

  private textRule(base: FieldCondition, op: string, value: unknown, fold: boolean): ResolvedNode {
    if (op === 'in' || op === 'notIn') {
      const values = (value as string[]).map((v) => this.textValue(v, fold));
      return { ...base, kind: 'textIn', negate: op === 'notIn', values: unique(values), fold };
    }
    let operand: string;
    if (fold) operand = foldText(value as string);
    else if (op === 'startsWith') operand = phonePrefix(value as string, this.country)!;
    else if (op === 'contains') operand = phoneDigits(value as string)!;
    else operand = normalisePhone(value as string, this.country)!;
    return { ...base, kind: 'text', op: op as TextCondition['op'], value: operand, fold };
  }

  private textValue(value: string, fold: boolean): string {
    return fold ? foldText(value) : normalisePhone(value, this.country)!;
  }

  private segmentRule(rule: FilterRule): ResolvedGroup {
    const ids = unique(rule.value as string[]);
    return {
      kind: 'group',
      combinator: 'or',
      not: rule.operator === 'notIn',
      children: ids.map((id) => this.segment(id)),
    };
  }

  private segment(id: string): ResolvedNode {
    let group = this.inlined.get(id);
    if (group) return group;
    const predefined = PREDEFINED_FILTERS.get(id);
    if (predefined) {
      // Predefined filters use built-in fields, whichever of them the host lets sellers pick.
      group = new Resolver(FIELDS, this.ctx, this.found).group(predefined);
    } else {
      // Validation looked every id up and proved there is no cycle, so this recursion ends.
      const found = this.found.get(id)!;
      if (!('filter' in found)) {
        return { kind: 'member', field: 'segment', segmentId: id, memberIds: found.memberIds };
      }
      group = this.group(found.filter);
    }
    this.inlined.set(id, group);
    return group;
  }
}

const emptyType = (type: FieldType): EmptyCondition['valueType'] =>
  type === 'phone' || type === 'date' || type === 'tags' ? type : 'string';

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];
