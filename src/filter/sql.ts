import type { EvaluationContext } from '../model.ts';
import { SegmentError } from '../errors.ts';
import type { FieldDefinition } from './fields.ts';
import {
  resolveFilter,
  type DateCondition,
  type EmptyCondition,
  type NumberBetweenCondition,
  type NumberCondition,
  type ResolvedCondition,
  type ResolvedGroup,
  type SegmentLookup,
  type TagsCondition,
  type TextCondition,
  type TextInCondition,
} from './resolve.ts';
import { dialectFor, quoteIdentifier, type SqlDialect, type SqlParams } from './sql-dialect.ts';

export type { SqlDialectName } from './sql-dialect.ts';

/**
 * Column names a host can override. Keys are the filter's field ids (plus `id`); the default
 * default column names are accepted as keys too, so `{ created_at: 'signup_at' }` and
 * `{ createdOn: 'signup_at' }` mean the same. A field the host adds to the catalogue reads the
 * column named like its id unless mapped here too (`{ loyaltyTier: 'tier' }`).
 */
export type SqlColumns = Partial<Record<SqlColumnKey, string>> &
  Readonly<Record<string, string | undefined>>;

/** The filter's field ids (and `id`), and the default column names they map to. */
export type SqlColumnKey =
  | 'id'
  | 'name'
  | 'email'
  | 'phone'
  | 'city'
  | 'state'
  | 'createdOn'
  | 'firstOrderOn'
  | 'lastOrderOn'
  | 'ordersCount'
  | 'totalSpent'
  | 'tags'
  | 'acceptsMarketing'
  | 'created_at'
  | 'first_order_at'
  | 'last_order_at'
  | 'orders_count'
  | 'total_spent'
  | 'accepts_marketing';

export interface SqlMembersTable {
  table: string;
  /** Defaults to `segment_id`. */
  segmentId?: string;
  /** Defaults to `customer_id`. */
  customerId?: string;
}

export interface FilterToSqlOptions {
  dialect: 'postgres' | 'sqlite';
  /** The customers table; default `customers`. A dotted name is a schema-qualified one. */
  table?: string;
  columns?: SqlColumns;
  /** Where CSV segment members live; default `segment_members(segment_id, customer_id)`. */
  membersTable?: string | SqlMembersTable;
  /** Finds the segments that `segment` rules name (predefined ones need no lookup). */
  segments?: SegmentLookup;
  /** Evaluation context: "today", calendar days and phone numbers depend on it. */
  ctx?: EvaluationContext & { fields?: readonly FieldDefinition[] };
}

export interface SqlWhere {
  /** A boolean expression for a WHERE clause; it is never SQL NULL. */
  sql: string;
  /** Bound values: `$1`, `$2`… for PostgreSQL, one per `?` in order for SQLite. */
  params: unknown[];
}

/**
 * Compiles a filter to a WHERE-clause expression that selects exactly the customers
 * `compileFilter(filter, ctx)` selects. Every value is a bound parameter; identifiers are
 * quoted. Throws SegmentError 'invalid' (with issues) for an invalid filter.
 *
 * ```ts
 * const { sql, params } = filterToSql(filter, { dialect: 'postgres', ctx: { timeZone: 'Asia/Kolkata' } });
 * const { rows } = await pool.query(`SELECT id FROM customers WHERE ${sql}`, params);
 * // SQLite (better-sqlite3): db.prepare(`SELECT id FROM customers WHERE ${sql}`).all(...params)
 * ```
 *
 * The expression refers to the table's columns unqualified, so the host's query must select
 * from the customers table (an alias is fine; join others only if their column names do not
 * clash). A host that binds parameters of its own puts `params` first and numbers its own
 * PostgreSQL placeholders from `params.length + 1`. Schema expected (names overridable through
 * `columns`, `table`, `membersTable`): created_at / first_order_at / last_order_at are
 * timestamptz in PostgreSQL and ISO 8601 text in SQLite (compared as instants through
 * julianday(), which reads 'Z', an offset written ±HH:MM, or none meaning UTC); tags are text[]
 * in PostgreSQL and a JSON array of strings in SQLite; accepts_marketing is boolean (0/1 in
 * SQLite).
 *
 * Text matching is case-insensitive by the engine's own fold (text.ts), like compileFilter, in
 * every locale: on PostgreSQL (the database must be UTF-8), ASCII text is lower-cased under
 * COLLATE "C" (ASCII letters only, whatever the locale) and compared with the folded value, and
 * any other text matches a bound regular expression listing each letter's case variants (tag
 * lists are read whole where the values allow it: README, "Case-insensitive means");
 * SQLite calls `us_fold()`, which the host registers once per connection:
 * `registerFoldFunction(db)` for better-sqlite3 or node:sqlite.
 *
 * `spendRank` is computed in the query: row_number() over the customers with orders_count > 0,
 * ordered by total_spent desc, created_at asc, id asc — over the whole table, so a host whose
 * table holds several stores passes a per-store view as `table`.
 */
export function filterToSql(filter: unknown, options: FilterToSqlOptions): SqlWhere {
  try {
    const settings = readOptions(options);
    const ctx = settings.segments ? { ...settings.ctx, segments: settings.segments } : settings.ctx;
    const resolved = resolveFilter(filter, ctx);
    const writer = new SqlWriter(settings);
    return { sql: writer.group(resolved), params: writer.params.values };
  } catch (error) {
    if (error instanceof SegmentError) throw error;
    // Only a host's options object that throws as it is read gets here.
    throw invalidOption('options', 'The SQL options could not be read.', error);
  }
}

/** The options read once, with every name checked, so no later read can throw or differ. */
function readOptions(options: FilterToSqlOptions): FilterToSqlOptions {
  const { dialect, table, columns, membersTable, segments, ctx } = options ?? ({} as never);
  if (dialect !== 'postgres' && dialect !== 'sqlite') {
    throw invalidOption(
      'dialect',
      `Unknown SQL dialect ${JSON.stringify(typeof dialect === 'string' ? dialect : String(typeof dialect))}: use 'postgres' or 'sqlite'.`,
      undefined,
      'unknown-dialect',
    );
  }
  const names: Record<string, string> = {};
  if (columns != null) {
    if (typeof columns !== 'object') throw invalidOption('columns', 'Columns must be an object.');
    for (const key of Object.keys(columns)) {
      const name: unknown = columns[key];
      if (name !== undefined) names[key] = identifier(name, `columns.${key}`);
    }
  }
  let members: SqlMembersTable | undefined;
  if (typeof membersTable === 'string')
    members = { table: identifier(membersTable, 'membersTable') };
  else if (membersTable != null) {
    const { table: name, segmentId, customerId } = membersTable;
    members = {
      table: identifier(name, 'membersTable.table'),
      segmentId:
        segmentId === undefined ? undefined : identifier(segmentId, 'membersTable.segmentId'),
      customerId:
        customerId === undefined ? undefined : identifier(customerId, 'membersTable.customerId'),
    };
  }
  return {
    dialect,
    table: table === undefined ? undefined : identifier(table, 'table'),
    columns: names,
    membersTable: members,
    segments: typeof segments === 'function' ? segments : undefined,
    ctx,
  };
}

/** A table or column name: non-empty text without NUL, which no database takes in a name. */
function identifier(name: unknown, path: string): string {
  if (typeof name !== 'string' || !name || name.includes('\0')) {
    throw invalidOption(path, `${path} must be a table or column name (non-empty text).`);
  }
  return name;
}

function invalidOption(
  path: string,
  message: string,
  cause?: unknown,
  code = 'invalid-option',
): SegmentError {
  return new SegmentError('invalid', message, { issues: [{ path, code, message }], cause });
}

// ---- helpers ----

const DEFAULT_COLUMNS = {
  id: 'id',
  name: 'name',
  email: 'email',
  phone: 'phone',
  city: 'city',
  state: 'state',
  createdOn: 'created_at',
  firstOrderOn: 'first_order_at',
  lastOrderOn: 'last_order_at',
  ordersCount: 'orders_count',
  totalSpent: 'total_spent',
  tags: 'tags',
  acceptsMarketing: 'accepts_marketing',
} as const satisfies Partial<Record<SqlColumnKey, SqlColumnKey>>;

type Comparison = NumberCondition['op'];

const COMPARISONS: Readonly<Record<Comparison, string>> = {
  equals: '=',
  // Written as NOT (value = operand) so that a missing value satisfies it.
  notEquals: '=',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
};

/** Every expression it writes is two-valued (never NULL), so NOT and OR mean what they say. */
class SqlWriter {
  readonly params: SqlParams;
  private readonly dialect: SqlDialect;
  private readonly table: string;
  private readonly members: { table: string; segmentId: string; customerId: string };

  constructor(private readonly options: FilterToSqlOptions) {
    this.dialect = dialectFor(options.dialect);
    this.params = this.dialect.params();
    this.table = quoteIdentifier(options.table ?? 'customers', { qualified: true });
    const members =
      typeof options.membersTable === 'string'
        ? { table: options.membersTable }
        : (options.membersTable ?? { table: 'segment_members' });
    this.members = {
      table: quoteIdentifier(members.table, { qualified: true }),
      segmentId: quoteIdentifier(members.segmentId ?? 'segment_id'),
      customerId: quoteIdentifier(members.customerId ?? 'customer_id'),
    };
  }

  group(group: ResolvedGroup): string {
    const children = group.children.map((child) =>
      child.kind === 'group' ? this.group(child) : this.condition(child),
    );
    const body =
      children.length === 1
        ? children[0]!
        : `(${children.join(` ${group.combinator.toUpperCase()} `)})`;
    return group.not ? `(NOT ${body})` : body;
  }

  private condition(condition: ResolvedCondition): string {
    switch (condition.kind) {
      case 'text':
        return this.text(condition);
      case 'textIn':
        return this.textIn(condition);
      case 'empty':
        return this.empty(condition);
      case 'number':
        return this.number(condition);
      case 'numberBetween':
        return this.numberBetween(condition);
      case 'date':
        return this.date(condition);
      case 'boolean':
        return positive(
          `${this.column(condition.field)} = ${this.params.add(condition.value, 'boolean')}`,
        );
      case 'tags':
        return this.tags(condition);
      case 'member':
        return this.member(condition.segmentId);
    }
  }

  private text(condition: TextCondition): string {
    const column = this.column(condition.field);
    const d = this.dialect;
    if (condition.fold) {
      const op =
        condition.op === 'notEquals'
          ? 'equals'
          : condition.op === 'notContains'
            ? 'contains'
            : condition.op;
      const test = d.folded(column, op, [condition.value], this.params);
      return op === condition.op ? positive(test) : negative(test);
    }
    const operand = this.params.reusable(condition.value, 'text');
    switch (condition.op) {
      case 'equals':
        return positive(`${column} = ${operand()}`);
      case 'notEquals':
        return negative(`${column} = ${operand()}`);
      case 'contains':
        return positive(d.contains(column, operand));
      case 'notContains':
        return negative(d.contains(column, operand));
      case 'startsWith':
        return positive(d.startsWith(column, operand));
      case 'endsWith':
        return positive(d.endsWith(column, operand));
    }
  }

  private textIn(condition: TextInCondition): string {
    const column = this.column(condition.field);
    const test = condition.fold
      ? this.dialect.folded(column, 'equals', condition.values, this.params)
      : `${column} IN (${this.list(condition.values)})`;
    return condition.negate ? negative(test) : positive(test);
  }

  private empty(condition: EmptyCondition): string {
    const column = this.column(condition.field);
    const test =
      condition.valueType === 'tags'
        ? `(${column} IS NULL OR ${this.dialect.tagCount(column)} = 0)`
        : condition.valueType === 'date'
          ? this.dialect.noInstant(column)
          : `(${column} IS NULL OR ${column} = '')`;
    return condition.negate ? `(NOT ${test})` : test;
  }

  private number(condition: NumberCondition): string {
    const test = (value: string) =>
      `${value} ${COMPARISONS[condition.op]} ${this.params.add(condition.value, numberType(condition.value))}`;
    if (condition.field === 'spendRank') {
      const highest = highestRank(condition.op, condition.value);
      const ranked = this.ranked(() => test('"us_rank"'), highest);
      return condition.op === 'notEquals' ? `(NOT ${ranked})` : ranked;
    }
    const column = this.column(condition.field);
    return condition.op === 'notEquals'
      ? negative(test(column))
      : this.dialect.positiveOn(column, test(column));
  }

  private numberBetween(condition: NumberBetweenCondition): string {
    const test = (value: string) =>
      `${value} >= ${this.params.add(condition.low, numberType(condition.low))} AND ` +
      `${value} <= ${this.params.add(condition.high, numberType(condition.high))}`;
    if (condition.field === 'spendRank') {
      return this.ranked(() => test('"us_rank"'), highestRank('lte', condition.high));
    }
    const column = this.column(condition.field);
    return this.dialect.positiveOn(column, test(column));
  }

  /**
   * The customer is among those with orders whose computed rank passes `test`. With `highest`
   * (no rank above it passes) only the first `highest` buyers in rank order are ranked: the same
   * ranks, and the planner then knows the list holds at most that many ids. Without the LIMIT,
   * PostgreSQL expects every buyer in it, and `NOT (… IN …)` (an audience excluding Top 100
   * spenders) became a list scanned row by row instead of a hash: seconds over a million.
   * `test` is called after the LIMIT's parameter is added: SQLite numbers `?` parameters in the
   * order they appear in the text.
   */
  private ranked(test: () => string, highest?: number): string {
    const id = this.column('id');
    const order =
      `${this.column('totalSpent')} DESC, ${this.dialect.instant(this.column('createdOn'))} ASC, ` +
      `${this.dialect.binary(id)} ASC`;
    const limit =
      highest === undefined ? '' : ` ORDER BY ${order} LIMIT ${this.params.add(highest, 'bigint')}`;
    return (
      `${id} IN (SELECT "us_ranked"."us_id" FROM (SELECT ${id} AS "us_id", ` +
      `row_number() OVER (ORDER BY ${order}) AS "us_rank" FROM ${this.table} ` +
      `WHERE ${this.column('ordersCount')} > 0${limit}) AS "us_ranked" WHERE ${test()})`
    );
  }

  private date(condition: DateCondition): string {
    const column = this.dialect.instant(this.column(condition.field));
    const bounds: string[] = [];
    if (condition.fromIso !== null) {
      bounds.push(
        `${column} >= ${this.dialect.instant(this.params.add(condition.fromIso, 'timestamptz'))}`,
      );
    }
    if (condition.toIso !== null) {
      bounds.push(
        `${column} < ${this.dialect.instant(this.params.add(condition.toIso, 'timestamptz'))}`,
      );
    }
    const test = bounds.join(' AND ');
    if (condition.negate) return negative(test);
    return this.dialect.instantIsColumn
      ? this.dialect.positiveOn(this.column(condition.field), test)
      : positive(test);
  }

  private tags(condition: TagsCondition): string {
    const mode = condition.op === 'hasAll' ? 'all' : 'any';
    const test = this.dialect.hasTags(
      this.column(condition.field),
      mode,
      condition.values,
      this.params,
    );
    return condition.op === 'hasNone' ? `(NOT ${test})` : test;
  }

  private member(segmentId: string): string {
    const { table, segmentId: segmentColumn, customerId } = this.members;
    // A NULL member would make IN unknown for everyone else, and NOT IN (notIn) never true.
    return (
      `${this.column('id')} IN (SELECT ${customerId} FROM ${table} WHERE ` +
      `${segmentColumn} = ${this.params.add(segmentId, 'text')} AND ${customerId} IS NOT NULL)`
    );
  }

  private list(values: readonly string[]): string {
    return values.map((value) => this.params.add(value, 'text')).join(', ');
  }

  private column(field: string): string {
    const columns = this.options.columns ?? {};
    // hasOwn: a host's field named like an Object.prototype member ('constructor') is a column.
    const own = (record: Readonly<Record<string, string | undefined>>, key: string) =>
      Object.hasOwn(record, key) ? record[key] : undefined;
    const fallback = own(DEFAULT_COLUMNS, field);
    const name = own(columns, field) ?? (fallback && own(columns, fallback)) ?? fallback ?? field;
    // A host's field id is the column name when nothing maps it: it must be a usable name too.
    return quoteIdentifier(identifier(name, `columns.${field}`));
  }
}

/**
 * The highest rank a spend-rank comparison lets through (a whole number ≥ 0), or undefined when
 * it has no upper bound (gt, gte, notEquals) or one too large to bind as bigint.
 */
function highestRank(op: NumberCondition['op'], value: number): number | undefined {
  const highest =
    op === 'lte' || op === 'equals' ? Math.floor(value) : op === 'lt' ? Math.ceil(value) - 1 : NaN;
  return Number.isSafeInteger(highest) ? Math.max(0, highest) : undefined;
}

/**
 * A whole number is bound as bigint, so an integer column is compared in its own type (an
 * index on it serves the query) rather than cast to numeric row by row; bigint meets an
 * integer, numeric or float column exactly for every safe integer. Fractions stay numeric.
 */
const numberType = (value: number) => (Number.isSafeInteger(value) ? 'bigint' : 'numeric');

/** True only when `test` is true: a missing value (NULL) makes a positive operator false. */
const positive = (test: string) => `COALESCE(${test}, FALSE)`;

/** The negation of `positive(test)`: a missing value makes a negative operator true. */
const negative = (test: string) => `(NOT COALESCE(${test}, FALSE))`;
