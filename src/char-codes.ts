/**
 * Character codes for the hand-written scanners on per-row hot paths (CSV records, phones,
 * emails), which compare charCodeAt() results instead of running a regex per cell.
 */
export const LF = 10;
export const CR = 13;
export const SPACE = 32;
export const QUOTE = 34;
export const APOSTROPHE = 39;
export const PLUS = 43;
export const COMMA = 44;
export const DASH = 45;
export const DOT = 46;
export const ZERO = 48;
export const ONE = 49;
export const SIX = 54;
export const NINE = 57;
export const LOWER_A = 97;
export const LOWER_Z = 122;
