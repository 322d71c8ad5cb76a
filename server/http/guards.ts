/**
 * What the reference backend refuses before a handler runs, each as a documented 4xx with
 * `{ code, message, issues? }`: text no database column can hold (NUL, lone surrogates), a body
 * in a charset other than UTF-8, and the errors fastify and Node's HTTP parser answer on their
 * own (a malformed URL, a path parameter too long, headers too large, a request too slow).
 */
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SegmentError, type Issue } from '../../src/core.ts';

/** NUL, or a UTF-16 surrogate without its other half. */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Every string (and object key) of `value` that PostgreSQL's text cannot hold faithfully, as
 * issues under `path` — at most 20, found without recursion deeper than the body's nesting
 * limit allows.
 */
export function unstorableText(value: unknown, path: string): Issue[] {
  const issues: Issue[] = [];
  const visit = (node: unknown, at: string) => {
    if (issues.length >= 20) return;
    if (typeof node === 'string') {
      if (UNSTORABLE.test(node)) {
        issues.push({
          path: at,
          code: 'bad-character',
          message: `${at} holds a NUL character or a broken UTF-16 surrogate; send plain UTF-8 text.`,
        });
      }
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, `${at}.${i}`));
    } else if (node && typeof node === 'object') {
      for (const [key, item] of Object.entries(node)) {
        visit(key, `${at}.${key}`);
        visit(item, `${at}.${key}`);
      }
    }
  };
  visit(value, path);
  return issues;
}

/** The names of query parameters whose %-escapes are not UTF-8 (set by `parseQuery`). */
const UNDECODABLE = Symbol('undecodable query parameters');

/**
 * The query string as fastify's own parser reads it (repeated names become arrays), but strict:
 * a parameter whose %-escapes do not decode as UTF-8 is noted, and refused by
 * `refuseUnstorableText`, instead of reaching a handler as raw or replaced text.
 */
export function parseQuery(text: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = Object.create(null);
  const undecodable: string[] = [];
  for (const pair of text.split('&')) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    const rawName = at < 0 ? pair : pair.slice(0, at);
    const rawValue = at < 0 ? '' : pair.slice(at + 1);
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(rawName.replaceAll('+', ' '));
      value = decodeURIComponent(rawValue.replaceAll('+', ' '));
    } catch {
      undecodable.push(rawName);
      continue;
    }
    const before = query[name];
    query[name] = before === undefined ? value : [...[before].flat(), value];
  }
  if (undecodable.length) Object.defineProperty(query, UNDECODABLE, { value: undecodable });
  return query;
}

/** A `preValidation` hook: parameters, query and body hold only storable text. */
export async function refuseUnstorableText(request: FastifyRequest): Promise<void> {
  const undecodable = (request.query as { [UNDECODABLE]?: string[] } | undefined)?.[UNDECODABLE];
  const issues: Issue[] = (undecodable ?? []).slice(0, 20).map((name) => ({
    path: `query.${name}`,
    code: 'bad-character',
    message: `The query parameter ${name} is not UTF-8 text once decoded.`,
  }));
  issues.push(
    ...unstorableText(request.params, 'path'),
    ...unstorableText(request.query, 'query'),
    ...unstorableText(request.body, 'body'),
  );
  if (issues.length) {
    throw new SegmentError('invalid', issues[0]!.message, { issues });
  }
}

/**
 * The charset a `Content-Type` names, lower-cased, or undefined when it names none.
 * `application/json; charset="UTF-8"` → `utf-8`.
 */
export function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType ?? '');
  return match ? match[1]!.toLowerCase() : undefined;
}

/** A 415 for a JSON body in another charset than UTF-8 (utf-16 bodies were read as UTF-8). */
export function unsupportedCharset(charset: string): SegmentError {
  const error = new SegmentError(
    'invalid',
    `Send the body as UTF-8 JSON; charset=${charset} is not accepted.`,
    {
      issues: [
        {
          path: 'body',
          code: 'unsupported-charset',
          message: 'Send the body as UTF-8.',
        },
      ],
    },
  );
  (error as { statusCode?: number }).statusCode = 415;
  return error;
}

/** fastify's own routing errors (a malformed URL, a path parameter over the limit) as 4xx. */
export function frameworkErrors(
  error: { code?: string },
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void reply.status(414).send({
      code: 'invalid',
      message: 'A path parameter is longer than this server accepts.',
      issues: [{ path: 'path', code: 'too-long', message: 'The id is too long.' }],
    });
    return;
  }
  void reply.status(400).send({
    code: 'invalid',
    message: 'The URL is not valid (a broken %-escape?).',
    issues: [{ path: 'path', code: 'bad-url', message: 'The URL cannot be decoded.' }],
  });
}

/**
 * Errors Node's HTTP parser meets before fastify sees a request (headers too large, a request
 * not sent in time, bytes that are not HTTP): answered with the same JSON shape, then the
 * connection is closed.
 */
export function clientErrorHandler(
  error: NodeJS.ErrnoException & { bytesParsed?: number },
  socket: Socket,
): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [
          431,
          'Request Header Fields Too Large',
          'The request headers are larger than this server accepts.',
        ]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'The request was not sent in time; send it again.']
        : [400, 'Bad Request', 'The request is not valid HTTP.'];
  const body = JSON.stringify({
    code: status === 408 ? 'unavailable' : 'invalid',
    message,
  });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
