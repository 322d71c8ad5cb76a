import type { Customer } from '../../model.ts';
import type { TagsCondition, TextCondition } from '../../filter/resolve.ts';
import { foldText } from '../../filter/text.ts';

/**
 * Text and tag columns for CustomerColumns. Reading 100,000 customers' strings one record at a
 * time touches memory all over the heap; here one property's text (case-folded for string
 * fields, as the engine compares it) sits in one buffer of UTF-16 code units, walked in order, and
 * each customer's tags are one bit per distinct tag.
 */

/**
 * Selects, from `selected` (every index below `size` when null), the customers that pass. The
 * survivors are compacted into `selected` itself (never read again past the write position), so
 * only the first condition of a count allocates.
 */
export type Selector = (selected: Int32Array | null, size: number) => Int32Array;

/** One property's text for every customer; null when some value is not text. */
export class TextColumn {
  private constructor(
    private readonly units: Uint16Array,
    /** Customer i's text is units[starts[i]] … units[starts[i + 1]]; -1 when missing. */
    private readonly starts: Int32Array,
    private readonly ends: Int32Array,
  ) {}

  static build(customers: readonly Customer[], property: keyof Customer, fold: boolean) {
    const texts: string[] = [];
    let length = 0;
    for (const customer of customers) {
      const value = customer[property];
      if (value != null && typeof value !== 'string') return null;
      const text = value == null ? '' : fold ? foldText(value) : value;
      texts.push(text);
      length += text.length;
    }
    const units = new Uint16Array(length);
    const starts = new Int32Array(customers.length);
    const ends = new Int32Array(customers.length);
    let at = 0;
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i]!;
      starts[i] = customers[i]![property] == null ? -1 : at;
      for (let k = 0; k < text.length; k++) units[at++] = text.charCodeAt(k);
      ends[i] = at;
    }
    return new TextColumn(units, starts, ends);
  }

  /**
   * The condition's test: a missing value fails every positive operator, and notEquals /
   * notContains are their negations, as in compileFilter.
   */
  selector(condition: TextCondition): Selector {
    const { units, starts, ends } = this;
    // Code units, like the column: iterating the string would step by code point and keep only
    // the high surrogate of a character outside the BMP (an emoji, a Deseret letter).
    const text = condition.value;
    const operand = new Uint16Array(text.length);
    for (let k = 0; k < text.length; k++) operand[k] = text.charCodeAt(k);
    const negate = condition.op === 'notEquals' || condition.op === 'notContains';
    const op = OPS[condition.op];
    // The loop lives in one module-level function, the same on every count, so V8 keeps it
    // optimised and inlines the comparison; a closure per count would be a new call target.
    return (selected, size) => selectText(units, starts, ends, operand, op, negate, selected, size);
  }
}

/** Every customer's tags as bits of one 32-bit mask; null with more than 32 distinct tags. */
export class TagColumn {
  private constructor(
    private readonly masks: Uint32Array,
    private readonly bits: ReadonlyMap<string, number>,
  ) {}

  static build(customers: readonly Customer[], property: keyof Customer) {
    const bits = new Map<string, number>();
    const masks = new Uint32Array(customers.length);
    for (let i = 0; i < customers.length; i++) {
      const tags = customers[i]![property];
      if (!Array.isArray(tags)) continue;
      let mask = 0;
      for (const tag of tags) {
        if (typeof tag !== 'string') continue;
        const folded = foldText(tag);
        let bit = bits.get(folded);
        if (bit === undefined) {
          if (bits.size === 32) return null;
          bits.set(folded, (bit = 1 << bits.size));
        }
        mask |= bit;
      }
      masks[i] = mask;
    }
    return new TagColumn(masks, bits);
  }

  selector(condition: TagsCondition): Selector {
    const { masks } = this;
    let wanted = 0;
    let unknown = false; // a value no customer has: hasAll is false for everyone
    for (const value of condition.values) {
      const bit = this.bits.get(value);
      if (bit === undefined) unknown = true;
      else wanted |= bit;
    }
    const { op } = condition;
    const all = op === 'hasAll';
    const negate = op === 'hasNone';
    const required = all && unknown ? -1 : wanted;
    return (selected, size) => {
      const count = selected ? selected.length : size;
      const out = selected ?? new Int32Array(count);
      let n = 0;
      for (let k = 0; k < count; k++) {
        const i = selected ? selected[k]! : k;
        const held = masks[i]! & wanted;
        const pass = all ? required !== -1 && held === wanted : held !== 0;
        if (pass !== negate) out[n++] = i;
      }
      return out.subarray(0, n);
    };
  }
}

// ---- helpers ----

const EQUALS = 0;
const STARTS_WITH = 1;
const ENDS_WITH = 2;
const CONTAINS = 3;

const OPS: Readonly<Record<TextCondition['op'], number>> = {
  equals: EQUALS,
  notEquals: EQUALS,
  startsWith: STARTS_WITH,
  endsWith: ENDS_WITH,
  contains: CONTAINS,
  notContains: CONTAINS,
};

/** A missing value fails every positive operator; notEquals / notContains are negations. */
function selectText(
  units: Uint16Array,
  starts: Int32Array,
  ends: Int32Array,
  operand: Uint16Array,
  op: number,
  negate: boolean,
  selected: Int32Array | null,
  size: number,
): Int32Array {
  const m = operand.length;
  const count = selected ? selected.length : size;
  const out = selected ?? new Int32Array(count);
  let n = 0;
  for (let k = 0; k < count; k++) {
    const i = selected ? selected[k]! : k;
    const s = starts[i]!;
    let hit = false;
    if (s >= 0) {
      const e = ends[i]!;
      const length = e - s;
      if (op === EQUALS || op === STARTS_WITH) {
        hit = (op === EQUALS ? length === m : length >= m) && unitsAt(units, s, operand);
      } else if (op === ENDS_WITH) {
        hit = length >= m && unitsAt(units, e - m, operand);
      } else {
        for (let at = s; at + m <= e && !hit; at++) hit = unitsAt(units, at, operand);
      }
    }
    if (hit !== negate) out[n++] = i;
  }
  return out.subarray(0, n);
}

function unitsAt(units: Uint16Array, at: number, operand: Uint16Array): boolean {
  for (let j = 0; j < operand.length; j++) if (units[at + j] !== operand[j]) return false;
  return true;
}
