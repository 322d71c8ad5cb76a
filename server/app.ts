/**
 * The HTTP API of openapi.yaml on fastify: one route per operation, each request checked
 * against the contract before it reaches the database, each store's data reached only through
 * the store its API key names. Errors leave as `{ code, message, issues? }` with the status the
 * contract gives their code.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { SegmentError, isSegmentError, type SegmentErrorCode } from '../src/core.ts';
import { Contract, type Operation } from './contract.ts';
import type { LogLevel } from './config.ts';
import {
  charsetOf,
  clientErrorHandler,
  frameworkErrors,
  parseQuery,
  refuseUnstorableText,
  unsupportedCharset,
} from './http/guards.ts';
import type { Db } from './db.ts';
import {
  addMembers,
  countHistory,
  countMembers,
  listFilterMembers,
  listMembers,
} from './members.ts';
import { resolveAudience } from './audience.ts';
import { idempotent } from './idempotency.ts';
import {
  deleteSegment,
  duplicateSegment,
  getSegment,
  listSegments,
  updateSegment,
} from './segments.ts';
import { authenticate, type StoreSettings } from './stores.ts';
import { importHandlers } from './imports.ts';

export interface AppOptions {
  db: Db;
  /** Largest request body in bytes; default 2 MiB (10,000 contacts fit with room to spare). */
  bodyLimit?: number;
  /** Deepest nesting of a JSON body; default 64 (a filter itself nests at most 5 groups). */
  maxDepth?: number;
  /**
   * JSON logs on stdout (pino): `false` (default) logs nothing, `true` logs at `info`, or a level.
   * Each line carries the request id (`reqId`, also sent back as `x-request-id`); API keys and
   * bodies are never logged.
   */
  logger?: boolean | LogLevel;
  /** Where log lines go instead of stdout (tests read them). */
  logStream?: { write(line: string): void };
  /** The longest a client may take to send a whole request, in ms; default 30 s. */
  requestTimeoutMs?: number;
  /** The longest a client may take to send the request's headers, in ms; default 10 s. */
  headersTimeoutMs?: number;
  /** How long an idle kept-alive connection stays open, in ms; default 5 s. */
  keepAliveTimeoutMs?: number;
  /** Connections open at once; default 1,000. */
  maxConnections?: number;
  /**
   * Browser origins allowed to call the API (CORS), e.g. the demo page's; '*' allows any. Keys
   * travel in a header, never in cookies, so a page without the key gets nothing either way.
   */
  corsOrigins?: readonly string[] | '*';
  /**
   * The clock, for tests and demos: "today" of date rules (`inLast`, …) and the calendar day a
   * segment's count is recorded on (see GET /segments/{id}/history). A test builds a 30-day history by moving it a day at a time
   * and counting. Asked with the store's id, so one backend may give each store its own time
   * (the journey backend does). Defaults to the real time.
   */
  now?: (storeId: string) => Date;
}

export const STATUS: Readonly<Record<SegmentErrorCode, number>> = {
  invalid: 400,
  unauthorized: 401,
  'read-only': 403,
  'not-found': 404,
  'name-taken': 409,
  conflict: 409,
  unavailable: 503,
  incomplete: 409,
};

export function buildApp(options: AppOptions): FastifyInstance {
  const { db } = options;
  const maxDepth = options.maxDepth ?? 64;
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const app = Fastify({
    logger: loggerOptions(options.logger ?? false, options.logStream),
    bodyLimit: options.bodyLimit ?? 2 << 20,
    requestTimeout,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 5_000,
    // Node checks request and header deadlines on this interval: a tenth of the shortest one.
    http: {
      headersTimeout: Math.min(options.headersTimeoutMs ?? 10_000, requestTimeout),
      connectionsCheckingInterval: Math.max(
        10,
        Math.min(
          1_000,
          Math.floor(Math.min(options.headersTimeoutMs ?? 10_000, requestTimeout) / 10),
        ),
      ),
    },
    // Ids are at most 200 characters (openapi.yaml); a longer one is 414.
    routerOptions: { maxParamLength: 200, querystringParser: parseQuery },
    frameworkErrors,
    clientErrorHandler,
    // Idle kept-alive connections close at once on shutdown; requests in flight finish.
    forceCloseConnections: 'idle',
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,64}$/.test(given) ? given : randomUUID();
    },
  });
  app.server.maxConnections = options.maxConnections ?? 1_000;
  const contract = new Contract();
  app.setValidatorCompiler(contract.validatorCompiler);
  app.decorateRequest('store', null);
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  // Depth is measured on the raw text before parsing, so a body 10,000 groups deep is refused
  // without recursing through it anywhere.
  // JSON only: any other media type is refused with 415 before a handler runs.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, text, done) => {
    const charset = charsetOf(request.headers['content-type']);
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      return done(unsupportedCharset(charset));
    }
    const body = String(text);
    if (body.trim() === '') return done(null, undefined);
    if (nesting(body) > maxDepth) {
      return done(invalid('body', 'too-deep', `The body nests deeper than ${maxDepth} levels.`));
    }
    try {
      done(null, JSON.parse(body));
    } catch {
      done(invalid('body', 'malformed-json', 'The body is not valid JSON.'));
    }
  });

  if (options.corsOrigins) allowOrigins(app, options.corsOrigins);

  // Process up: answers without the database.
  app.get('/health', async () => ({ status: 'ok' }));
  // Ready for traffic: the database answers (and the server is not shutting down).
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.get('/ready', async (_request, reply) => {
    if (closing) return unready(reply, 'The server is shutting down.');
    try {
      await db.query('SELECT 1');
      return { status: 'ready' };
    } catch (error) {
      app.log.error({ err: error }, 'readiness check: the database does not answer');
      return unready(reply, 'The database does not answer.');
    }
  });

  const handlers = handlersFor(db);
  app.register(
    async (api) => {
      // Every API route needs the store's key: checked once here, before the body is read.
      api.addHook('onRequest', async (request) => {
        const store = await authenticate(db, bearer(request));
        const { now } = options;
        request.store = now ? { ...store, now: () => now(store.storeId) } : store;
      });
      // Text PostgreSQL cannot hold (NUL, lone surrogates) is refused wherever it is sent.
      api.addHook('preValidation', refuseUnstorableText);
      for (const operation of contract.operations) {
        const handle = handlers[operation.id as keyof typeof handlers];
        api.route({
          method: operation.method,
          url: operation.route,
          schema: contract.routeSchema(operation.id),
          handler: (request, reply) => handle(request.store!, request, reply),
        });
      }
    },
    { prefix: '/api' },
  );

  app.setNotFoundHandler((request, reply) => {
    void reply
      .status(404)
      .send({ code: 'not-found', message: `No ${request.method} ${request.url} in this API.` });
  });
  app.setErrorHandler((error, request, reply) => {
    const mapped = toSegmentError(error);
    if (mapped.code === 'unavailable') request.log.error(error);
    else if (!isSegmentError(error)) request.log.warn({ err: error }, 'request refused');
    const status =
      (error as { statusCode?: number }).statusCode === 413
        ? 413
        : (error as { statusCode?: number }).statusCode === 415
          ? 415
          : mapped.issues.some((i) => i.code === 'key-reused')
            ? 422
            : STATUS[mapped.code];
    void reply.status(status).send(mapped.toJSON());
  });
  return app;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The store the request's API key names (set by the API's onRequest hook). */
    store: StoreSettings | null;
  }
}

// ---- helpers ----

function loggerOptions(logger: boolean | LogLevel, stream: AppOptions['logStream']) {
  if (logger === false || logger === 'silent') return false;
  return {
    level: logger === true ? 'info' : logger,
    ...(stream ? { stream } : {}),
    // Only the method, URL, host and peer of a request are logged; headers never are, but a
    // serializer added later must not bring the key in.
    redact: ['req.headers.authorization', 'req.headers["idempotency-key"]'],
  };
}

function unready(reply: FastifyReply, message: string) {
  return reply.status(503).send({ code: 'unavailable', message });
}

type Handler = (
  store: StoreSettings,
  request: FastifyRequest,
  reply: FastifyReply,
) => Promise<unknown>;

function handlersFor(db: Db): Record<Operation['id'], Handler> {
  const params = (r: FastifyRequest) => r.params as { id: string };
  const query = (r: FastifyRequest) => r.query as Record<string, string | number | undefined>;
  const sendSegment = (reply: FastifyReply, status: number) => (segment: { version: number }) =>
    reply.status(status).header('etag', `"${segment.version}"`).send(segment);
  return {
    listSegments: (store, r) => {
      const q = query(r);
      return listSegments(db, store, {
        scope: q.scope as 'store' | 'global',
        search: q.search as string | undefined,
        cursor: q.cursor as string | undefined,
        limit: q.limit as number | undefined,
      });
    },
    getSegment: (store, r, reply) =>
      getSegment(db, store, params(r).id).then(sendSegment(reply, 200)),
    // A PUT sent again with its Idempotency-Key (its answer was lost) gets that answer back.
    updateSegment: async (store, r, reply) => {
      const { id } = params(r);
      const key = r.headers['idempotency-key'];
      const answer = await idempotent(
        db,
        {
          storeId: store.storeId,
          key: typeof key === 'string' ? key : undefined,
          method: 'PUT',
          path: `/segments/${id}`,
        },
        async () => ({
          status: 200,
          body: await updateSegment(
            db,
            store,
            id,
            r.body as never,
            Number(String(r.headers['if-match']).replace(/^W\//, '').replaceAll('"', '')),
          ),
        }),
      );
      if (answer.replayed) void reply.header('idempotent-replayed', 'true');
      return sendSegment(reply, answer.status)(answer.body as { version: number });
    },
    deleteSegment: async (store, r, reply) => {
      await deleteSegment(db, store, params(r).id);
      return reply.status(204).send();
    },
    duplicateSegment: (store, r, reply) =>
      duplicateSegment(
        db,
        store,
        params(r).id,
        (r.body as { name?: string } | undefined)?.name,
      ).then(sendSegment(reply, 201)),
    countMembers: (store, r) => countMembers(db, store, r.body as never),
    listMembers: (store, r) => {
      const q = query(r);
      return listMembers(db, store, params(r).id, {
        cursor: q.cursor as string | undefined,
        limit: q.limit as number | undefined,
      });
    },
    listFilterMembers: (store, r) => listFilterMembers(db, store, r.body as never),
    addMembers: (store, r) =>
      addMembers(db, store, params(r).id, r.body as never, String(r.headers['idempotency-key'])),
    resolveAudience: (store, r) => resolveAudience(db, store, r.body as never),
    countHistory: (store, r) => countHistory(db, store, params(r).id, Number(query(r).days)),
    ...importHandlers(db),
  };
}

function allowOrigins(app: FastifyInstance, origins: readonly string[] | '*'): void {
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin || (origins !== '*' && !origins.includes(origin))) return;
    void reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    void reply.header('access-control-expose-headers', 'ETag, Idempotent-Replayed, X-Request-Id');
    if (request.method === 'OPTIONS') {
      await reply
        .status(204)
        .header('access-control-allow-methods', 'GET, POST, PUT, DELETE')
        .header(
          'access-control-allow-headers',
          'authorization, content-type, if-match, idempotency-key',
        )
        .header('access-control-max-age', '600')
        .send();
    }
  });
}

function bearer(request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+([\x21-\x7e]{1,512})$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/** Fastify's own errors (size, media type) and database failures as SegmentErrors. */
function toSegmentError(error: unknown): SegmentError {
  if (isSegmentError(error)) return error;
  const { statusCode, code, message } = error as {
    statusCode?: number;
    code?: string;
    message?: string;
  };
  if (statusCode === 413) {
    return invalid('body', 'too-large', 'The body is larger than this server accepts.');
  }
  if (statusCode === 415) {
    return invalid('body', 'not-json', 'Send the body as application/json.');
  }
  if (code === '57014') {
    return new SegmentError('unavailable', 'The request took too long; try again later.', {
      cause: error,
    });
  }
  // A data exception (SQLSTATE class 22: a value out of range, a date that is not one, bytes
  // that are not text) comes from a value the request carried: the request is at fault.
  if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) {
    return invalid('', 'out-of-range', 'A value in the request is out of range or not valid.');
  }
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
    return invalid('', code ?? 'bad-request', message ?? 'The request is not valid.');
  }
  return new SegmentError('unavailable', 'The server could not answer; try again later.', {
    cause: error,
  });
}

function invalid(path: string, code: string, message: string): SegmentError {
  return new SegmentError('invalid', message, { issues: [{ path, code, message }] });
}

/** The deepest nesting of objects and arrays in JSON text (strings skipped). */
export function nesting(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) deepest = Math.max(deepest, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return deepest;
}
