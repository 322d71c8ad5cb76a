/**
 * Says everything that is wrong with a filter, in words a seller understands, with a stable
 * code and a path ("rules.2.value") per problem. It accepts any value at all — whatever a form,
 * a REST body or a stored record holds — and never throws: it only reads, and it stops walking
 * at the nesting and size limits, so even cyclic or enormous input ends quickly.
 */
import { isSupportedCountry } from 'libphonenumber-js/max';
import type { EvaluationContext, Issue } from '../model.ts';
import { PREDEFINED_SEGMENTS } from '../predefined.ts';
import { FIELDS, OPERATORS_BY_TYPE, OPERATOR_LABELS, fieldById } from './fields.ts';
import type { FieldDefinition, Operator } from './fields.ts';
import type { SegmentLookup } from './resolve.ts';
import { MAX_YEAR, MIN_YEAR, isValidTimeZone, nowMs } from './dates.ts';
import { checkValue, isObject, listIssue, show, type FilterIssueCode } from './value-checks.ts';

export { MAX_RELATIVE_AMOUNT, type FilterIssueCode } from './value-checks.ts';

/** Groups nest at most this deep (the top-level group is level 1). */
export const MAX_DEPTH = 5;
/** A filter holds at most this many conditions, counted over all its groups. */
export const MAX_RULES = 100;
/**
 * A filter counts at most this many conditions with those of the segments it includes (each
 * included filter segment counts its own, recursively; an uploaded or predefined one counts 1).
 * Without it, four segments of 100 conditions naming one another would stand for 100⁴.
 */
export const MAX_EXPANDED_RULES = 1_000;
/**
 * Groups and conditions walked before giving up. A valid filter has at most MAX_RULES
 * conditions and, since no group is empty and nesting stops at MAX_DEPTH, fewer groups than
 * MAX_DEPTH × MAX_RULES + 1; past that the input cannot be valid (or is cyclic).
 */
const MAX_NODES = MAX_RULES * (MAX_DEPTH + 1) + 1;

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
  // null, from a host's JavaScript, means the defaults just as a missing argument does.
  const catalogue = fields ?? FIELDS;
  const settings = options ?? {};
  const segments = new SegmentChecker(catalogue, settings);
  return new Walker(catalogue, settings.defaultCountry ?? 'IN', segments).run(filter);
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
  if (ctx.defaultCountry !== undefined && !isSupportedCountry(String(ctx.defaultCountry))) {
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
  /** Conditions counted with those of the segments named; read once the walk is done. */
  expanded = 0;
  private nodes = 0;
  private stopped = false;

  constructor(
    private readonly fields: readonly FieldDefinition[],
    private readonly country: string,
    private readonly segments: SegmentChecker,
  ) {}

  run(filter: unknown): Issue[] {
    this.group(filter, '', 1);
    if (!this.stopped && this.expanded > MAX_EXPANDED_RULES) {
      const most = MAX_EXPANDED_RULES.toLocaleString('en-US');
      this.add(
        'rules',
        'too-many-rules',
        `With the segments it includes, a filter can have at most ${most} conditions.`,
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
      const label = OPERATOR_LABELS[op as Operator];
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
      if (!found.length) this.expanded += this.segments.conditions(node.value as string[]);
      return;
    }
    this.expanded++;
    const check = checkValue(field, op as Operator, node.value, this.country);
    if (check) this.add(check[2] ? join(valuePath, check[2]) : valuePath, check[0], check[1]);
  }
}

type SegmentState = 'ok' | 'cycle' | 'invalid' | 'unknown';

/**
 * Checks the ids of `segment` rules: each must exist (when a lookup is given) and must not lead
 * back to the segment being edited or to itself through other filter segments.
 */
class SegmentChecker {
  private readonly states = new Map<string, SegmentState>();
  /** How many conditions each checked filter segment stands for, its segments' included. */
  private readonly sizes = new Map<string, number>();
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

  /** The conditions a valid `segment` rule stands for: one per uploaded or predefined segment. */
  conditions(ids: readonly string[]): number {
    let total = 0;
    for (const id of new Set(ids)) total += this.sizes.get(id) ?? 1;
    return total;
  }

  private state(id: string): SegmentState {
    if (this.path.has(id)) return 'cycle';
    if (PREDEFINED_IDS.has(id)) return 'ok';
    const lookup = this.options.segments;
    if (!lookup) return 'ok';
    const known = this.states.get(id);
    if (known) return known;
    const segment = lookup(id);
    let state: SegmentState = 'ok';
    if (!isObject(segment)) state = 'unknown';
    else if ('filter' in segment) {
      this.path.add(id);
      const walker = new Walker(this.fields, this.options.defaultCountry ?? 'IN', this);
      const inner = walker.run(segment.filter);
      this.path.delete(id);
      this.sizes.set(id, walker.expanded);
      if (inner.some((i) => i.code === 'segment-cycle')) state = 'cycle';
      else if (inner.length) state = 'invalid';
    } else if (!(segment.memberIds instanceof Set)) state = 'invalid';
    this.states.set(id, state);
    return state;
  }
}
