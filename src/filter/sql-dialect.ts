/**
 * What differs between PostgreSQL and SQLite in the SQL that filterToSql writes: placeholders,
 * case folding, substring tests, instants and tag lists. Everything else is shared.
 */
import { SQL_FOLD_FUNCTION, foldClass } from './text.ts';

export type SqlDialectName = 'postgres' | 'sqlite';

/** The PostgreSQL type a parameter is cast to, so the server never has to guess it. */
export type SqlParamType = 'text' | 'numeric' | 'bigint' | 'boolean' | 'timestamptz' | 'text[]';

export interface SqlParams {
  readonly values: unknown[];
  /** Binds `value` and returns its placeholder. */
  add(value: string | number | boolean | readonly string[], type: SqlParamType): string;
  /**
   * A placeholder for `value` to use several times: PostgreSQL binds it once and repeats `$n`;
   * SQLite's `?` cannot be reused, so each call binds the value again.
   */
  reusable(value: string, type: SqlParamType): () => string;
}

/** A bound operand a test may mention more than once. */
export type Operand = () => string;

export type FoldedOp = 'equals' | 'contains' | 'startsWith' | 'endsWith';

export interface SqlDialect {
  params(): SqlParams;
  /**
   * Whether `text`, case-folded as foldText folds it (text.ts), equals one of `values` / contains,
   * starts or ends with `values[0]` (folded operands; several only for 'equals'). Its result is
   * NULL when `text` is, like the other tests.
   */
  folded(text: string, op: FoldedOp, values: readonly string[], params: SqlParams): string;
  contains(text: string, part: Operand): string;
  startsWith(text: string, prefix: Operand): string;
  endsWith(text: string, suffix: Operand): string;
  /**
   * `test`, a comparison of `column` with bound values, made two-valued: false where the column
   * is NULL. PostgreSQL writes `test AND column IS NOT NULL`, whose comparison an index on the
   * column can serve (COALESCE(test, FALSE) hides it from the planner); SQLite keeps COALESCE.
   */
  positiveOn(column: string, test: string): string;
  /** Whether `instant(column)` is the column itself, so positiveOn applies to date tests. */
  readonly instantIsColumn: boolean;
  /** A value that orders and compares as the instant an ISO 8601 date column holds. */
  instant(value: string): string;
  /** Whether a date column holds no date (isEmpty). */
  noInstant(column: string): string;
  /**
   * `value` as text ordered by code point, whatever the column's type and collation: customer
   * ids are strings in the model, so an integer id column ranks ties as '10' < '9' too.
   */
  binary(value: string): string;
  /**
   * Whether the tags in `column`, folded, include some ('any') or every one ('all') of `values`
   * (folded, distinct); never NULL.
   */
  hasTags(
    column: string,
    mode: 'any' | 'all',
    values: readonly string[],
    params: SqlParams,
  ): string;
  tagCount(column: string): string;
}

export function dialectFor(name: SqlDialectName): SqlDialect {
  return name === 'postgres' ? POSTGRES : SQLITE;
}

/**
 * An identifier in double quotes (both dialects), with embedded quotes doubled, so a host's
 * column name can never end the identifier early. A dotted name is schema-qualified:
 * 'shop.customers' → "shop"."customers".
 */
export function quoteIdentifier(name: string, { qualified = false } = {}): string {
  const parts = qualified ? name.split('.') : [name];
  return parts.map((part) => `"${part.replaceAll('"', '""')}"`).join('.');
}

// ---- helpers ----

/**
 * A PostgreSQL regular expression (ARE) that matches text whose fold is `folded`, anchored as
 * `op` says: each code point becomes the bracket of every code point folding to it
 * ('σ' → [σΣς]). lower() would follow the database's LC_CTYPE or the column's collation (and
 * ICU's reads final sigma in context), so it would fold differently from server to server;
 * translate() with the whole table scans it for every character (~20 s for 100,000 names).
 * A list gets one pattern per value (`~ ANY(array)`): one alternation of many long values
 * makes PostgreSQL's matcher ask for gigabytes.
 */
function foldPattern(op: FoldedOp, folded: string): string {
  const [start, end] = ANCHORS[op];
  let pattern = start;
  for (const char of folded) {
    const members = foldClass(char.codePointAt(0)!);
    if (members.length === 1) pattern += regexLiteral(char);
    else pattern += `[${members.map((m) => regexLiteral(String.fromCodePoint(m))).join('')}]`;
  }
  return pattern + end;
}

/**
 * Lists longer than this are matched on PostgreSQL with a key probe before the pattern, and
 * compared with = ANY (which PostgreSQL hashes from 9 values on) rather than array operators.
 */
const LONG_LIST = 8;

/**
 * A key equal for any two texts whose folds are equal: ASCII letters lowered, every other
 * character dropped, and so are k, s and i, whose case classes hold a character outside ASCII
 * (K, ſ, İ). `asciiKey` computes it for folded values, the SQL above for a column.
 */
const KEY_FROM = 'ABCDEFGHJLMNOPQRTUVWXYZIKSiks';
const KEY_TO = 'abcdefghjlmnopqrtuvwxyz';

/** The key of a text column or expression, in PostgreSQL. */
const asciiKeySql = (text: string) =>
  `translate(regexp_replace(${text}, '[^\\x01-\\x7f]+', '', 'g'), '${KEY_FROM}', '${KEY_TO}')`;

function asciiKey(folded: string): string {
  let key = '';
  for (const char of folded) {
    const code = char.charCodeAt(0);
    if (code < 128 && code !== 0x6b && code !== 0x73 && code !== 0x69) key += char;
  }
  return key;
}

/** One character, literal in and outside brackets: ASCII punctuation gets a backslash. */
function regexLiteral(char: string): string {
  const code = char.charCodeAt(0);
  const word =
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95;
  return code < 128 && !word ? `\\${char}` : char;
}

/**
 * Whether `value` (text under COLLATE "C"), folded, passes `op` against the folded `values`,
 * by the patterns of foldPattern.
 */
function foldedByPattern(
  value: string,
  op: FoldedOp,
  values: readonly string[],
  params: SqlParams,
): string {
  if (values.length === 1) return `${value} ~ ${params.add(foldPattern(op, values[0]!), 'text')}`;
  const patterns = `${value} ~ ANY(${params.add(
    values.map((v) => foldPattern(op, v)),
    'text[]',
  )})`;
  if (values.length <= LONG_LIST) return patterns;
  // Many patterns cost the matcher more per row than a hashed probe: customers whose key
  // (below) is none of the values' keys are ruled out first. CASE, not AND: the planner may
  // reorder AND's operands, and the patterns must come last.
  const keys = [...new Set(values.map(asciiKey))];
  const key = asciiKeySql(value);
  return `(CASE WHEN ${key} = ANY(${params.add(keys, 'text[]')}) THEN ${patterns} ELSE FALSE END)`;
}

/**
 * The same test for an ASCII `value`, whose fold is its ASCII lower case: a folded value with
 * any other character can never match it, so only the ASCII ones are compared.
 */
function asciiFolded(
  value: string,
  op: FoldedOp,
  values: readonly string[],
  params: SqlParams,
): string {
  const candidates = values.filter(isAscii);
  if (!candidates.length) return 'FALSE';
  const lowered = `lower(${value})`;
  if (op === 'equals') {
    return candidates.length === 1
      ? `${lowered} = ${params.add(candidates[0]!, 'text')}`
      : `${lowered} = ANY(${params.add(candidates, 'text[]')})`;
  }
  const operand = params.reusable(candidates[0]!, 'text');
  return op === 'contains'
    ? POSTGRES.contains(lowered, operand)
    : op === 'startsWith'
      ? POSTGRES.startsWith(lowered, operand)
      : POSTGRES.endsWith(lowered, operand);
}

/** Whether every character of `text` is ASCII (and so is its own fold but for A–Z). */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 128) return false;
  return true;
}

/**
 * The code points outside ASCII whose fold is an ASCII letter, with that letter (ſ → s,
 * İ → i, K (Kelvin) → k): lower() under "C" leaves them as they are.
 */
const ASCII_FOLD_EXTRAS: readonly (readonly [string, string])[] = (() => {
  const extras: [string, string][] = [];
  for (let letter = 0x61; letter <= 0x7a; letter++) {
    for (const member of foldClass(letter)) {
      if (member >= 128) extras.push([String.fromCodePoint(member), String.fromCharCode(letter)]);
    }
  }
  return extras;
})();

/**
 * Whether ASCII lower case, with ASCII_FOLD_EXTRAS replaced, tells which texts fold to
 * `folded`: each of its characters is ASCII or the only code point folding to itself
 * (Devanagari, digits, CJK…), so no other character could stand in its place.
 */
function lowerDecides(folded: string): boolean {
  for (const char of folded) {
    const code = char.codePointAt(0)!;
    if (code >= 128 && foldClass(code).length > 1) return false;
  }
  return true;
}

const ANCHORS: Readonly<Record<FoldedOp, [string, string]>> = {
  equals: ['^', '$'],
  contains: ['', ''],
  startsWith: ['^', ''],
  endsWith: ['', '$'],
};

const POSTGRES: SqlDialect = {
  params() {
    const values: unknown[] = [];
    return {
      values,
      add(value, type) {
        values.push(value);
        return `$${values.length}::${type}`;
      },
      reusable(value, type) {
        const placeholder = this.add(value, type);
        return () => placeholder;
      },
    };
  },
  folded: (text, op, values, params) => {
    // COLLATE "C": the column's own collation could be nondeterministic, which ~ refuses; the
    // pattern names every character it accepts, so no collation is consulted either way.
    const value = `(${text} COLLATE "C")`;
    // Most stored text is ASCII, whose fold is ASCII lower case: lower() under "C" folds only
    // ASCII letters, whatever the server's locale, and costs a quarter of a pattern match. Text
    // with any other character (more bytes than characters) is matched by the patterns.
    const ascii = asciiFolded(value, op, values, params);
    return (
      `(CASE WHEN octet_length(${value}) = char_length(${value}) THEN ${ascii} ` +
      `ELSE ${foldedByPattern(value, op, values, params)} END)`
    );
  },
  contains: (text, part) => `strpos(${text}, ${part()}) > 0`,
  startsWith: (text, prefix) => `left(${text}, length(${prefix()})) = ${prefix()}`,
  endsWith: (text, suffix) => `right(${text}, length(${suffix()})) = ${suffix()}`,
  // The bound values are never NULL, so the comparison is NULL only where the column is.
  positiveOn: (column, test) => `(${test} AND ${column} IS NOT NULL)`,
  instantIsColumn: true,
  instant: (value) => value,
  // A timestamptz column cannot hold '' (and comparing it with '' would be an error).
  noInstant: (column) => `${column} IS NULL`,
  binary: (value) => `(${value})::text COLLATE "C"`,
  hasTags(column, mode, values, params) {
    // Values whose fold ASCII lower case decides are tested on the whole array at once: no
    // subquery per customer (which also keeps PostgreSQL from scanning in parallel). The others
    // look at each tag.
    const lowered: string[] = [];
    const others: string[] = [];
    for (const value of values) (lowerDecides(value) ? lowered : others).push(value);
    const tests: string[] = [];
    if (lowered.length) {
      const tags = loweredTags(column, lowered);
      const wanted = params.add(lowered, 'text[]');
      // && compares every tag with every value (seconds for a thousand values over a million
      // customers), so a long list goes through = ANY, which hashes it once; @> stops at the
      // first value a customer lacks.
      tests.push(
        mode === 'any' && lowered.length > LONG_LIST
          ? postgresAnyTag(tags, (tag) => `${tag} = ANY(${wanted})`)
          : `COALESCE(${tags} ${mode === 'any' ? '&&' : '@>'} ${wanted}, FALSE)`,
      );
    }
    if (others.length) {
      tests.push(
        mode === 'all' && others.length > 1
          ? postgresAllTags(column, others, params)
          : postgresAnyTag(column, (tag) => POSTGRES.folded(tag, 'equals', others, params)),
      );
    }
    return tests.length === 1 ? tests[0]! : `(${tests.join(mode === 'any' ? ' OR ' : ' AND ')})`;
  },
  tagCount: (column) => `cardinality(${column})`,
};

/**
 * The tags in `column` with each tag ASCII-lowered and its ASCII_FOLD_EXTRAS that `values`
 * need replaced, as a text[]: the array's text form (quotes, backslashes and braces are not
 * letters, so they come through), changed, and read back.
 */
function loweredTags(column: string, values: readonly string[]): string {
  let text = `lower((${column})::text COLLATE "C")`;
  for (const [extra, letter] of ASCII_FOLD_EXTRAS) {
    if (values.some((value) => value.includes(letter)))
      text = `replace(${text}, '${extra}', '${letter}')`;
  }
  return `(${text})::text[]`;
}

function postgresAnyTag(column: string, test: (tag: string) => string): string {
  return `EXISTS (SELECT 1 FROM unnest(${column}) AS "us_tags"("us_tag") WHERE ${test('"us_tags"."us_tag"')})`;
}

/**
 * Whether the tags in `column`, folded, include every one of `values` (folded, distinct, more
 * than one): one subquery, where a subquery per value would cost the database seconds to
 * plan at a thousand values.
 */
function postgresAllTags(column: string, values: readonly string[], params: SqlParams): string {
  if (values.length <= LONG_LIST) {
    const each = values.map((value) =>
      postgresAnyTag(column, (tag) => POSTGRES.folded(tag, 'equals', [value], params)),
    );
    return `(${each.join(' AND ')})`;
  }
  // Which values some tag matches, counted: the key probe first, so a pattern (compiled per
  // use once there are more than PostgreSQL caches) runs only where the key already agrees.
  const keys = params.add(values.map(asciiKey), 'text[]');
  const patterns = params.add(
    values.map((v) => foldPattern('equals', v)),
    'text[]',
  );
  const tag = '("us_tags"."us_tag" COLLATE "C")';
  return (
    `(SELECT count(DISTINCT "us_wanted"."us_at") FROM unnest(${column}) AS "us_tags"("us_tag"), ` +
    `unnest(${keys}, ${patterns}) WITH ORDINALITY AS "us_wanted"("us_key", "us_pattern", "us_at") ` +
    `WHERE CASE WHEN ${asciiKeySql(tag)} = "us_wanted"."us_key" ` +
    `THEN ${tag} ~ "us_wanted"."us_pattern" ELSE FALSE END) = ${values.length}`
  );
}

const SQLITE: SqlDialect = {
  params() {
    const values: unknown[] = [];
    return {
      values,
      add(value, type) {
        // better-sqlite3 and most drivers bind no booleans; the column holds 0/1.
        values.push(type === 'boolean' ? Number(value) : value);
        return '?';
      },
      reusable(value, type) {
        return () => this.add(value, type);
      },
    };
  },
  // SQLite's own lower() folds only ASCII (or, built with ICU, by ICU's rules): the host
  // registers the engine's fold as a function (registerFoldFunction in text.ts).
  folded(text, op, values, params) {
    const value = `${SQL_FOLD_FUNCTION}(${text})`;
    if (op === 'equals') {
      return `${value} IN (${values.map((v) => params.add(v, 'text')).join(', ')})`;
    }
    const operand = params.reusable(values[0]!, 'text');
    return op === 'contains'
      ? SQLITE.contains(value, operand)
      : op === 'startsWith'
        ? SQLITE.startsWith(value, operand)
        : SQLITE.endsWith(value, operand);
  },
  contains: (text, part) => `instr(${text}, ${part()}) > 0`,
  startsWith: (text, prefix) => `substr(${text}, 1, length(${prefix()})) = ${prefix()}`,
  // substr(x, -n) is all of x when n exceeds its length, which then differs from the suffix.
  endsWith: (text, suffix) => `substr(${text}, -length(${suffix()})) = ${suffix()}`,
  // julianday() reads offsets ('+05:30', 'Z') and counts whole milliseconds, so equal instants
  // written differently compare equal.
  positiveOn: (_column, test) => `COALESCE(${test}, FALSE)`,
  // julianday() of text that is not a date is NULL even where the column is not.
  instantIsColumn: false,
  instant: (value) => `julianday(${value})`,
  // A text column can hold '', which compileFilter also reads as no date.
  noInstant: (column) => `(${column} IS NULL OR ${column} = '')`,
  binary: (value) => `CAST(${value} AS TEXT) COLLATE BINARY`,
  hasTags(column, mode, values, params) {
    if (mode === 'any' || values.length === 1) {
      const test = SQLITE.folded('"us_tags"."value"', 'equals', values, params);
      return `EXISTS (SELECT 1 FROM json_each(${column}) AS "us_tags" WHERE ${test})`;
    }
    const list = values.map((v) => params.add(v, 'text')).join(', ');
    const tag = `${SQL_FOLD_FUNCTION}("us_tags"."value")`;
    return (
      `(SELECT count(DISTINCT ${tag}) FROM json_each(${column}) AS "us_tags" ` +
      `WHERE ${tag} IN (${list})) = ${values.length}`
    );
  },
  tagCount: (column) => `json_array_length(${column})`,
};
