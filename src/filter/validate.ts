/**
 * Says everything that is wrong with a filter, in words a seller understands, with a stable
 * code and a path ("rules.2.value") per problem. It accepts any value at all — whatever a form,
 * a REST body, a stored record or a host's object with getters holds — and never throws: it
 * reads a bounded plain copy of the filter (snapshot.ts), and it stops walking at the nesting
 * and size limits (limits.ts), so even cyclic or enormous input ends quickly.
 */
import { isSupportedCountry } from '../phone.ts';
import type { EvaluationContext, FilterGroup, Issue } from '../model.ts';
import { PREDEFINED_SEGMENTS } from '../predefined.ts';
import { FIELDS, OPERATORS_BY_TYPE, fieldById } from './fields.ts';
import { ENGLISH_FILTER_WORDS, operatorWord } from './words.ts';
import type { FieldDefinition, Operator } from './fields.ts';
import type { SegmentLookup } from './resolve.ts';
import { MAX_YEAR, MIN_YEAR, isValidTimeZone, nowMs } from './dates.ts';
import { checkValue, isObject, listIssue, show, type FilterIssueCode } from './value-checks.ts';
import {
  MAX_DEPTH,
  MAX_EXPANDED_RULES,
  MAX_NODES,
  MAX_RULES,
  MAX_TOTAL_TEXT,
  MAX_TOTAL_VALUES,
} from './limits.ts';
import { snapshotFields, snapshotFilter } from './snapshot.ts';

export { MAX_RELATIVE_AMOUNT, type FilterIssueCode } from './value-checks.ts';
export {
  MAX_DEPTH,
  MAX_EXPANDED_RULES,
  MAX_LIST_VALUES,
  MAX_RULES,
  MAX_TEXT_LENGTH,
  MAX_TOTAL_TEXT,
  MAX_TOTAL_VALUES,
} from './limits.ts';

export interface ValidateOptions {
  /**
   * Finds the segments that `segment` rules name, to report unknown ids and cycles. Without it,
   * ids other than the predefined ones are checked only for their shape.
   */
  segments?: SegmentLookup;
  /** The id of the segment whose filter this is, so a rule naming it is a cycle. */
  selfId?: string;
  /** Reads phone values; defaults to 'IN'. */
  defaultCountry?: string;
}

/** Every problem with `filter`; an empty list means it is valid. Never throws. */
export function validateFilter(
  filter: unknown,
  fields?: readonly FieldDefinition[] | null,
  options?: ValidateOptions | null,
): Issue[] {
  return checkFilter(filter, fields, options).issues;
}

/** What checkFilter found: the issues, and the plain copies that were checked. */
export interface CheckedFilter {
  issues: Issue[];
  /** The copy of the filter that was validated (valid when `issues` is empty). */
  filter: FilterGroup;
  fields: readonly FieldDefinition[];
  /** What each segment id named resolves to, as validated (filters copied). */
  segments: ReadonlyMap<string, ResolvedSegment>;
}

export type ResolvedSegment = { filter: FilterGroup } | { memberIds: ReadonlySet<string> };

/**
 * validateFilter, keeping what it read: resolveFilter compiles exactly the copies validated
 * here, so the filter and the segments it names are read and checked once. Never throws.
 */
export function checkFilter(
  filter: unknown,
  fields?: readonly FieldDefinition[] | null,
  options?: ValidateOptions | null,
): CheckedFilter {
  const issues: Issue[] = [];
  // null, from a host's JavaScript, means the defaults just as a missing argument does.
  const catalogue = fields == null ? FIELDS : snapshotFields(fields);
  if (!catalogue) {
    issues.push(issue('fields', 'invalid-fields', 'The list of fields to filter on is not valid.'));
  }
  const settings = readOptions(options);
  if (!settings) {
    issues.push(issue('options', 'unreadable', 'The validation options could not be read.'));
  }
  const copy = snapshotFilter(filter);
  if (!copy.ok) issues.push(issue('', 'unreadable', 'This filter could not be read.'));
  if (!catalogue || !settings || !copy.ok) {
    return { issues, filter: {} as FilterGroup, fields: [], segments: new Map() };
  }
  const segments = new SegmentChecker(catalogue, settings);
  const walker = new Walker(catalogue, settings.defaultCountry ?? 'IN', segments);
  issues.push(...walker.run(copy.value));
  return {
    issues,
    filter: copy.value as FilterGroup,
    fields: catalogue,
    segments: segments.resolved,
  };
}

/** The options read once, or null when reading them threw. */
function readOptions(options: ValidateOptions | null | undefined): ValidateOptions | null {
  try {
    if (options == null) return {};
    const { segments, selfId, defaultCountry } = options;
    return {
      segments: typeof segments === 'function' ? segments : undefined,
      selfId: typeof selfId === 'string' ? selfId : undefined,
      defaultCountry: typeof defaultCountry === 'string' ? defaultCountry : undefined,
    };
  } catch {
    return null;
  }
}

/** Problems with an evaluation context (time zone, now, default country). */
export function contextIssues(ctx: EvaluationContext | undefined): Issue[] {
  const issues: Issue[] = [];
  if (!ctx) return issues;
  if (ctx.timeZone !== undefined && !isValidTimeZone(ctx.timeZone)) {
    issues.push(
      issue('ctx.timeZone', 'invalid-time-zone', `"${show(ctx.timeZone)}" is not a time zone.`),
    );
  }
  if (ctx.now !== undefined) {
    const ms = nowMs(ctx.now);
    const year = new Date(ms).getUTCFullYear();
    if (Number.isNaN(ms) || year < MIN_YEAR || year > MAX_YEAR) {
      issues.push(
        issue('ctx.now', 'invalid-now', 'The evaluation time is not a valid date and time.'),
      );
    }
  }
  const country = ctx.defaultCountry;
  if (country !== undefined && (typeof country !== 'string' || !isSupportedCountry(country))) {
    issues.push(
      issue(
        'ctx.defaultCountry',
        'invalid-country',
        `"${show(ctx.defaultCountry)}" is not a country code.`,
      ),
    );
  }
  return issues;
}

export const unknownSegment = (id: string) => `There is no segment "${show(id)}".`;

// ---------------------------------------------------------------------------------------------

const ALL_OPERATORS = new Set<string>(Object.values(OPERATORS_BY_TYPE).flat());
const PREDEFINED_IDS = new Set(PREDEFINED_SEGMENTS.map((s) => s.id));
const LIST_OPERATORS = new Set(['in', 'notIn', 'hasAny', 'hasAll', 'hasNone']);

/** What a filter stands for: conditions, list values and characters of text. */
interface Size {
  rules: number;
  values: number;
  text: number;
}

const issue = (path: string, code: FilterIssueCode, message: string): Issue => ({
  path,
  code,
  message,
});
const allowedFor = (field: FieldDefinition, op: string) =>
  Object.hasOwn(OPERATORS_BY_TYPE, field.type) &&
  OPERATORS_BY_TYPE[field.type].includes(op as Operator);
const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/** Walks one filter, depth-first, within the limits. */
class Walker {
  private readonly issues: Issue[] = [];
  private rules = 0;
  /** The filter's size counted with the segments it names; read once the walk is done. */
  readonly size: Size = { rules: 0, values: 0, text: 0 };
  private nodes = 0;
  private stopped = false;

  constructor(
    private readonly fields: readonly FieldDefinition[],
    private readonly country: string,
    private readonly segments: SegmentChecker,
  ) {}

  run(filter: unknown): Issue[] {
    this.group(filter, '', 1);
    if (this.stopped) return this.issues;
    const { rules, values, text } = this.size;
    const most = (n: number) => n.toLocaleString('en-US');
    if (rules > MAX_EXPANDED_RULES) {
      this.add(
        'rules',
        'too-many-rules',
        `With the segments it includes, a filter can have at most ${most(MAX_EXPANDED_RULES)} conditions.`,
      );
    }
    if (values > MAX_TOTAL_VALUES) {
      this.add(
        'rules',
        'too-many-values',
        `With the segments it includes, a filter can list at most ${most(MAX_TOTAL_VALUES)} values.`,
      );
    }
    if (text > MAX_TOTAL_TEXT) {
      this.add(
        'rules',
        'filter-too-large',
        `With the segments it includes, a filter's values can hold at most ${most(MAX_TOTAL_TEXT)} characters.`,
      );
    }
    return this.issues;
  }

  /** Stops the walk: the rest could be huge, or the same objects over and over. */
  private stop() {
    if (this.stopped) return;
    this.stopped = true;
    this.add('rules', 'too-many-rules', `A filter can have at most ${MAX_RULES} conditions.`);
  }

  private add(path: string, code: FilterIssueCode, message: string) {
    this.issues.push(issue(path, code, message));
  }

  private group(node: unknown, path: string, depth: number) {
    if (++this.nodes > MAX_NODES) return this.stop();
    if (!isObject(node) || !Array.isArray(node.rules)) {
      const where = path ? 'This condition' : 'This filter';
      this.add(path, 'not-a-group', `${where} is not a group of conditions.`);
      return;
    }
    if (depth > MAX_DEPTH) {
      this.add(path, 'too-deep', `Groups can be nested at most ${MAX_DEPTH} levels deep.`);
      return;
    }
    if (node.combinator !== 'and' && node.combinator !== 'or') {
      this.add(
        join(path, 'combinator'),
        'unknown-combinator',
        'Choose whether all or any of the conditions must match.',
      );
    }
    if (node.not !== undefined && typeof node.not !== 'boolean') {
      this.add(join(path, 'not'), 'wrong-value-type', '"Not" must be either on or off.');
    }
    const rules: unknown[] = node.rules;
    const rulesPath = join(path, 'rules');
    if (rules.length === 0)
      this.add(rulesPath, 'empty-group', 'Add at least one condition to this group.');
    for (let i = 0; i < rules.length && !this.stopped; i++) {
      const child = rules[i];
      const childPath = join(rulesPath, i);
      if (isObject(child) && 'rules' in child) this.group(child, childPath, depth + 1);
      else this.rule(child, childPath);
    }
  }

  private rule(node: unknown, path: string) {
    if (++this.rules > MAX_RULES || ++this.nodes > MAX_NODES) return this.stop();
    if (!isObject(node)) {
      this.add(
        path,
        'not-a-rule',
        'This is not a condition: choose a field, how to compare and a value.',
      );
      return;
    }
    const field = typeof node.field === 'string' ? fieldById(this.fields, node.field) : undefined;
    if (!field) {
      const message =
        typeof node.field === 'string' && node.field
          ? `"${show(node.field)}" is not something you can filter on.`
          : 'Choose a field for this condition.';
      this.add(join(path, 'field'), 'unknown-field', message);
      return;
    }
    const op = node.operator;
    if (typeof op !== 'string' || !ALL_OPERATORS.has(op)) {
      this.add(join(path, 'operator'), 'unknown-operator', `Choose how to compare ${field.label}.`);
      return;
    }
    // A host catalogue may list an operator its field's type has no meaning for.
    if (!field.operators.includes(op as Operator) || !allowedFor(field, op)) {
      const label = operatorWord(ENGLISH_FILTER_WORDS.operators, field.type, op);
      this.add(
        join(path, 'operator'),
        'operator-not-allowed',
        `${field.label} cannot be compared with "${label}".`,
      );
      return;
    }
    const valuePath = join(path, 'value');
    if (field.type === 'segment') {
      const found = this.segments.check(node.value, valuePath, field.label);
      this.issues.push(...found);
      if (!found.length) {
        const ids = node.value as string[];
        this.count(0, ids, true);
        const included = this.segments.size(ids);
        this.size.rules += included.rules;
        this.size.values += included.values;
        this.size.text += included.text;
      }
      return;
    }
    const check = checkValue(field, op as Operator, node.value, this.country);
    if (check) {
      const at = check[2] === undefined ? valuePath : join(valuePath, check[2]);
      this.add(at, check[0], check[1]);
    } else this.count(1, node.value, LIST_OPERATORS.has(op));
  }

  /** Adds a valid condition's value to the size: list items and characters of text. */
  private count(rules: number, value: unknown, list: boolean) {
    this.size.rules += rules;
    if (typeof value === 'string') this.size.text += value.length;
    if (!Array.isArray(value)) return;
    if (list) this.size.values += value.length;
    for (const item of value) if (typeof item === 'string') this.size.text += item.length;
  }
}

type SegmentState = 'ok' | 'cycle' | 'invalid' | 'unknown';

/**
 * Checks the ids of `segment` rules: each must exist (when a lookup is given) and must not lead
 * back to the segment being edited or to itself through other filter segments.
 */
class SegmentChecker {
  private readonly states = new Map<string, SegmentState>();
  /** What each checked filter segment stands for, its own segments included. */
  private readonly sizes = new Map<string, Size>();
  /** The segments found, as validated: filters copied, for resolveFilter to compile. */
  readonly resolved = new Map<string, ResolvedSegment>();
  private readonly path = new Set<string>();

  constructor(
    private readonly fields: readonly FieldDefinition[],
    private readonly options: ValidateOptions,
  ) {
    if (options.selfId !== undefined) this.path.add(options.selfId);
  }

  check(value: unknown, valuePath: string, label: string): Issue[] {
    const shape = listIssue(value, label, () => undefined);
    if (shape)
      return [
        issue(shape[2] === undefined ? valuePath : join(valuePath, shape[2]), shape[0], shape[1]),
      ];
    const found: Issue[] = [];
    (value as string[]).forEach((id, i) => {
      const state = this.state(id);
      const at = join(valuePath, i);
      if (state === 'unknown') found.push(issue(at, 'unknown-segment', unknownSegment(id)));
      if (state === 'cycle') {
        found.push(
          issue(
            at,
            'segment-cycle',
            'A segment cannot include itself, directly or through other segments.',
          ),
        );
      }
      if (state === 'invalid') {
        found.push(
          issue(at, 'invalid-segment', `The filter of segment "${show(id)}" is not valid.`),
        );
      }
    });
    return found;
  }

  /** What a valid `segment` rule stands for: one condition per uploaded or predefined segment. */
  size(ids: readonly string[]): Size {
    const total: Size = { rules: 0, values: 0, text: 0 };
    for (const id of new Set(ids)) {
      const size = this.sizes.get(id) ?? { rules: 1, values: 0, text: 0 };
      total.rules += size.rules;
      total.values += size.values;
      total.text += size.text;
    }
    return total;
  }

  private state(id: string): SegmentState {
    if (this.path.has(id)) return 'cycle';
    if (PREDEFINED_IDS.has(id)) return 'ok';
    const lookup = this.options.segments;
    if (!lookup) return 'ok';
    const known = this.states.get(id);
    if (known) return known;
    const segment = this.find(lookup, id);
    let state: SegmentState = 'ok';
    if (segment === undefined) state = 'unknown';
    else if (segment === null) state = 'invalid';
    else if ('filter' in segment) {
      this.path.add(id);
      const walker = new Walker(this.fields, this.options.defaultCountry ?? 'IN', this);
      const inner = walker.run(segment.filter);
      this.path.delete(id);
      this.sizes.set(id, walker.size);
      if (inner.some((i) => i.code === 'segment-cycle')) state = 'cycle';
      else if (inner.length) state = 'invalid';
    }
    if (state === 'ok' && segment) this.resolved.set(id, segment);
    this.states.set(id, state);
    return state;
  }

  /**
   * What the lookup answers for `id`, read once: undefined when there is no such segment, null
   * when the answer is not a segment (or the lookup threw, or its filter could not be read).
   */
  private find(lookup: SegmentLookup, id: string): ResolvedSegment | null | undefined {
    try {
      const segment: unknown = lookup(id);
      if (segment == null) return undefined;
      if (!isObject(segment)) return null;
      if ('filter' in segment) {
        const copy = snapshotFilter(segment.filter);
        return copy.ok ? { filter: copy.value as FilterGroup } : null;
      }
      const members = segment.memberIds;
      return members instanceof Set ? { memberIds: members as ReadonlySet<string> } : null;
    } catch {
      return null;
    }
  }
}
