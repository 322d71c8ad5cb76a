/**
 * What differs between PostgreSQL and SQLite in the SQL that filterToSql writes: placeholders,
 * ASCII case folding, substring tests, instants and tag lists. Everything else is shared.
 */

export type SqlDialectName = 'postgres' | 'sqlite';

/** The PostgreSQL type a parameter is cast to, so the server never has to guess it. */
export type SqlParamType = 'text' | 'numeric' | 'boolean' | 'timestamptz';

export interface SqlParams {
  readonly values: unknown[];
  /** Binds `value` and returns its placeholder. */
  add(value: string | number | boolean, type: SqlParamType): string;
  /**
   * A placeholder for `value` to use several times: PostgreSQL binds it once and repeats `$n`;
   * SQLite's `?` cannot be reused, so each call binds the value again.
   */
  reusable(value: string, type: SqlParamType): () => string;
}

/** A bound operand a test may mention more than once. */
export type Operand = () => string;

export interface SqlDialect {
  params(): SqlParams;
  /** `text` with A–Z folded to a–z and nothing else changed. */
  fold(text: string): string;
  contains(text: string, part: Operand): string;
  startsWith(text: string, prefix: Operand): string;
  endsWith(text: string, suffix: Operand): string;
  /** A value that orders and compares as the instant an ISO 8601 date column holds. */
  instant(value: string): string;
  /** Whether a date column holds no date (isEmpty). */
  noInstant(column: string): string;
  /**
   * `value` as text ordered by code point, whatever the column's type and collation: customer
   * ids are strings in the model, so an integer id column ranks ties as '10' < '9' too.
   */
  binary(value: string): string;
  /** Whether some tag of the list in `column` (ASCII-folded as `tag`) passes `test`. */
  anyTag(column: string, test: (tag: string) => string): string;
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

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

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
  // lower() follows the database's ctype (C.UTF-8 folds 'É'); translate() folds exactly A–Z.
  fold: (text) => `translate(${text}, '${UPPER}', '${LOWER}')`,
  contains: (text, part) => `strpos(${text}, ${part()}) > 0`,
  startsWith: (text, prefix) => `left(${text}, length(${prefix()})) = ${prefix()}`,
  endsWith: (text, suffix) => `right(${text}, length(${suffix()})) = ${suffix()}`,
  instant: (value) => value,
  // A timestamptz column cannot hold '' (and comparing it with '' would be an error).
  noInstant: (column) => `${column} IS NULL`,
  binary: (value) => `(${value})::text COLLATE "C"`,
  anyTag: (column, test) =>
    `EXISTS (SELECT 1 FROM unnest(${column}) AS "us_tags"("us_tag") WHERE ` +
    `${test(POSTGRES.fold('"us_tags"."us_tag"'))})`,
  tagCount: (column) => `cardinality(${column})`,
};

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
  // SQLite's built-in lower() folds only ASCII (unless it was built with ICU).
  fold: (text) => `lower(${text})`,
  contains: (text, part) => `instr(${text}, ${part()}) > 0`,
  startsWith: (text, prefix) => `substr(${text}, 1, length(${prefix()})) = ${prefix()}`,
  // substr(x, -n) is all of x when n exceeds its length, which then differs from the suffix.
  endsWith: (text, suffix) => `substr(${text}, -length(${suffix()})) = ${suffix()}`,
  // julianday() reads offsets ('+05:30', 'Z') and counts whole milliseconds, so equal instants
  // written differently compare equal.
  instant: (value) => `julianday(${value})`,
  // A text column can hold '', which compileFilter also reads as no date.
  noInstant: (column) => `(${column} IS NULL OR ${column} = '')`,
  binary: (value) => `CAST(${value} AS TEXT) COLLATE BINARY`,
  anyTag: (column, test) =>
    `EXISTS (SELECT 1 FROM json_each(${column}) AS "us_tags" WHERE ` +
    `${test(SQLITE.fold('"us_tags"."value"'))})`,
  tagCount: (column) => `json_array_length(${column})`,
};
