import { SegmentError, type SegmentErrorCode } from '../../errors.ts';
import type { Issue } from '../../model.ts';

/**
 * One HTTP exchange of the RestAdapter: a timeout per attempt, the caller's AbortSignal, retries
 * with exponential backoff and full jitter for requests that are safe to repeat, and every
 * failure turned into a SegmentError. The only place in the package that calls fetch.
 */

export interface HttpOptions {
  baseUrl: string;
  headers?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>);
  fetch?: typeof fetch;
  /** Per attempt; default 15,000 ms. */
  timeoutMs?: number;
  /** Attempts for a request that may be retried, the first included; default 3. */
  attempts?: number;
  /** Backoff before retry n is a random delay up to min(maxDelayMs, baseDelayMs × 2ⁿ⁻¹). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Where the jitter comes from (tests pin it); default Math.random. */
  random?: () => number;
  /** The largest answer read (bytes); a larger one is `unavailable`. Default 32 MiB. */
  maxResponseBytes?: number;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path and query below baseUrl, e.g. `/segments?scope=store`. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * May it be sent again when no answer came back? True for reads, for PUT with If-Match and
   * for member batches with an Idempotency-Key; never for a plain POST, which could act twice.
   */
  retry: boolean;
  signal?: AbortSignal;
  /**
   * Called before a retry that follows an attempt whose answer never came (a network error, a
   * timeout, 502/504 from a gateway): the server may have acted on that attempt.
   */
  onLostAnswer?: () => void;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined for an empty body (204). */
  body: unknown;
}

/** Failures that another attempt would only repeat. */
const FINAL = new WeakSet<object>();

/** Statuses that mean "the server (or a proxy) could not answer now", worth another try. */
const RETRY_STATUSES = new Set([502, 503, 504]);

export class Http {
  private readonly baseUrl: string;

  constructor(private readonly options: HttpOptions) {
    if (!options || typeof options.baseUrl !== 'string' || !options.baseUrl) {
      throw new SegmentError('invalid', 'RestAdapter needs a baseUrl.', {
        issues: [{ path: 'baseUrl', code: 'required', message: 'Pass the API base URL.' }],
      });
    }
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const attempts = request.retry ? Math.max(1, this.options.attempts ?? 3) : 1;
    for (let attempt = 1; ; attempt++) {
      request.signal?.throwIfAborted();
      let response: HttpResponse;
      try {
        response = await this.once(request);
      } catch (error) {
        // The caller's own abort ends everything at once, with the caller's reason.
        if (request.signal?.aborted) throw request.signal.reason;
        if (attempt >= attempts || FINAL.has(error as object)) throw error;
        request.onLostAnswer?.();
        await this.pause(attempt, request.signal);
        continue;
      }
      if (response.status < 400) return response;
      if (RETRY_STATUSES.has(response.status) && attempt < attempts) {
        if (response.status !== 503) request.onLostAnswer?.();
        await this.pause(attempt, request.signal, retryAfterMs(response.headers));
        continue;
      }
      throw errorFromResponse(response);
    }
  }

  private async once(request: HttpRequest): Promise<HttpResponse> {
    const fetchImpl = this.options.fetch ?? globalThis.fetch;
    const timeoutMs = this.options.timeoutMs ?? 15_000;
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new DOMException('timed out', 'TimeoutError')),
      timeoutMs,
    );
    const stop = () => timeout.abort(request.signal?.reason);
    request.signal?.addEventListener('abort', stop, { once: true });
    try {
      const given = this.options.headers;
      const headers = new Headers(typeof given === 'function' ? await given() : given);
      headers.set('accept', 'application/json');
      for (const [name, value] of Object.entries(request.headers ?? {})) headers.set(name, value);
      let body: string | undefined;
      if (request.body !== undefined) {
        headers.set('content-type', 'application/json');
        body = JSON.stringify(request.body);
      }
      let response: Response;
      let json: unknown;
      try {
        response = await fetchImpl(this.baseUrl + request.path, {
          method: request.method,
          headers,
          body,
          signal: timeout.signal,
        });
        json = await readJson(response, this.options.maxResponseBytes ?? MAX_RESPONSE_BYTES);
      } catch (cause) {
        if (request.signal?.aborted) throw request.signal.reason;
        if (cause instanceof SegmentError) throw cause;
        throw new SegmentError(
          'unavailable',
          timeout.signal.aborted
            ? `The server did not answer within ${timeoutMs} ms.`
            : 'The server could not be reached.',
          { cause },
        );
      }
      return { status: response.status, headers: response.headers, body: json };
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', stop);
    }
  }

  /** Full jitter: a random wait up to the exponential bound, so clients do not retry in step. */
  private pause(attempt: number, signal?: AbortSignal, atLeastMs = 0): Promise<void> {
    const base = this.options.baseDelayMs ?? 200;
    const cap = this.options.maxDelayMs ?? 5_000;
    const bound = Math.min(cap, base * 2 ** (attempt - 1));
    const ms = Math.min(cap, Math.max(atLeastMs, (this.options.random ?? Math.random)() * bound));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', aborted, { once: true });
      function done() {
        signal?.removeEventListener('abort', aborted);
        resolve();
      }
      function aborted() {
        clearTimeout(timer);
        reject(signal!.reason);
      }
    });
  }
}

/** The SegmentError a failed response stands for: its body's code, else its status's. */
export function errorFromResponse(response: HttpResponse): SegmentError {
  const body = response.body as { code?: unknown; message?: unknown; issues?: unknown } | undefined;
  const code = isCode(body?.code) ? body.code : codeForStatus(response.status);
  const message =
    typeof body?.message === 'string' && body.message
      ? body.message
      : `The server answered ${response.status}.`;
  const issues = Array.isArray(body?.issues) ? body.issues.filter(isIssue) : [];
  if (code === 'invalid' && !issues.length) {
    issues.push({ path: '', code: `http-${response.status}`, message });
  }
  return new SegmentError(code, message, { issues });
}

// ---- helpers ----

const CODES: readonly SegmentErrorCode[] = [
  'name-taken',
  'invalid',
  'not-found',
  'conflict',
  'read-only',
  'unavailable',
  'unauthorized',
  'incomplete',
];

const isCode = (value: unknown): value is SegmentErrorCode =>
  CODES.includes(value as SegmentErrorCode);

function codeForStatus(status: number): SegmentErrorCode {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 408 || status === 429 || status >= 500) return 'unavailable';
  return 'invalid';
}

function isIssue(value: unknown): value is Issue {
  const issue = value as Partial<Issue> | null;
  return (
    !!issue &&
    typeof issue.path === 'string' &&
    typeof issue.code === 'string' &&
    typeof issue.message === 'string'
  );
}

/** 32 MiB: far above a page of 200 segments with large filters, far below a tab's memory. */
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

async function readJson(response: Response, maxBytes: number): Promise<unknown> {
  const text = await readText(response, maxBytes);
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    if (response.status >= 400) return undefined; // a proxy's HTML error page: the status says it
    throw new SegmentError('unavailable', 'The server answered with something other than JSON.', {
      cause,
    });
  }
}

/**
 * The body as text, read chunk by chunk and counted: an answer that says or turns out to be
 * larger than `maxBytes` is cancelled there, never held whole in memory.
 */
async function readText(response: Response, maxBytes: number): Promise<string> {
  const tooLarge = () => {
    const error = new SegmentError(
      'unavailable',
      `The server's answer is larger than ${maxBytes} bytes; it was not read.`,
    );
    FINAL.add(error); // asking again would bring the same answer
    return error;
  };
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/** Retry-After in seconds (an HTTP date is ignored: clocks differ). */
function retryAfterMs(headers: Headers): number {
  const seconds = Number(headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1_000 : 0;
}
