import type { SegmentErrorCode } from '../../errors.ts';
import type { Issue } from '../../model.ts';

/**
 * The few assertions the checks need, as plain functions that throw a plain Error: the kit runs
 * under mocha, node:test, a host's own runner or none at all, so it imposes no framework. Every
 * message says what was expected and what came back.
 */

export function ensure(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export function expectEqual<T>(actual: T, expected: T, what: string): void {
  if (!Object.is(actual, expected)) {
    throw new Error(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

/** Structural equality of JSON-like values; key order does not matter. */
export function expectSame(actual: unknown, expected: unknown, what: string): void {
  if (canonical(actual) !== canonical(expected)) {
    throw new Error(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

/** What a SegmentError looks like across module copies and the REST boundary. */
export interface CodedError {
  code: string;
  message: string;
  issues?: Issue[];
}

/**
 * Awaits `promise` and returns its error, which must carry `code`. Errors are recognised by their
 * `code`, not by `instanceof`, so an adapter built from another copy of the package still passes.
 */
export async function expectRejects(
  promise: Promise<unknown>,
  code: SegmentErrorCode,
  what: string,
): Promise<CodedError> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    const coded = error as Partial<CodedError> | null;
    if (!coded || coded.code !== code) {
      throw new Error(`${what}: expected a '${code}' error, got ${describeError(error)}`, {
        cause: error,
      });
    }
    if (code === 'invalid' && (!Array.isArray(coded.issues) || coded.issues.length === 0)) {
      throw new Error(`${what}: expected the 'invalid' error to list its issues, got none`, {
        cause: error,
      });
    }
    return coded as CodedError;
  }
  throw new Error(`${what}: expected a '${code}' error, but it resolved with ${show(value)}`);
}

/**
 * Resolves when `promise` does; rejects if it has not settled within `timeoutMs`. For waiting on
 * an event an adapter must fire: the wait ends as soon as the event comes, the deadline only
 * ends it for an adapter that never fires.
 */
export async function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: not seen within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error || (error && typeof error === 'object' && 'message' in error)) {
    const { name, code, message } = error as { name?: string; code?: unknown; message?: string };
    return `${name ?? 'Error'}${code === undefined ? '' : ` (code ${show(code)})`}: ${message}`;
  }
  return show(error);
}

export function show(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

// ---- helpers ----

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : inner,
  );
}
