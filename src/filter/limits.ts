/**
 * How big a filter may be (README "Limits"). validateFilter refuses anything
 * larger with a code and a message. The limits are chosen so that every valid filter, with the
 * segments it includes, compiles to SQL that both databases take: filterToSql binds at most two
 * parameters per condition plus one per list value, so at most
 * 2 × MAX_EXPANDED_RULES + MAX_TOTAL_VALUES = 12,000 parameters — under SQLite's 32,766 and
 * PostgreSQL's 65,535 (a 16-bit count) — and validating the largest valid filter takes
 * milliseconds.
 */

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
/** One list (in, notIn, hasAny, hasAll, hasNone, segment ids) holds at most this many values. */
export const MAX_LIST_VALUES = 1_000;
/** List values in all, counting those of the segments the filter includes. */
export const MAX_TOTAL_VALUES = 10_000;
/** One text value (or list item) is at most this many characters (UTF-16 code units). */
export const MAX_TEXT_LENGTH = 1_000;
/** Characters of text in all of a filter's values, counting the segments it includes. */
export const MAX_TOTAL_TEXT = 100_000;
/**
 * Groups and conditions walked before giving up. A valid filter has at most MAX_RULES
 * conditions and, since no group is empty and nesting stops at MAX_DEPTH, fewer groups than
 * MAX_DEPTH × MAX_RULES + 1; past that the input cannot be valid (or is cyclic).
 */
export const MAX_NODES = MAX_RULES * (MAX_DEPTH + 1) + 1;
