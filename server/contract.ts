/**
 * openapi.yaml as the source of truth for what the server accepts: every operation's path,
 * query and header parameters and its JSON body are checked against the schemas written there
 * (Ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses it). Parameters are coerced from their text form
 * (`limit=5` → 5); bodies are not (`"name": 5` is refused, never turned into "5").
 */
import { readFileSync } from 'node:fs';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { SegmentError, type Issue } from '../src/core.ts';

export const OPENAPI_PATH = new URL('../openapi.yaml', import.meta.url);

export interface RequestParts {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  body: unknown;
}

/** The parts of a request fastify validates, by its names for them. */
export type HttpPart = 'params' | 'querystring' | 'headers' | 'body';

/**
 * A fastify route schema made from one operation of openapi.yaml: one JSON schema per request
 * part, each tagged with the operation and part it checks, so the contract's validator
 * compiler can answer with the same coded issues `check` gives.
 */
export type RouteSchema = Partial<Record<HttpPart, Record<string, unknown>>>;

/** Operation ids of openapi.yaml, with the method and the fastify route of each. */
export interface Operation {
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** `/segments/:id` for `/segments/{id}`. */
  route: string;
  hasBody: boolean;
}

export class Contract {
  readonly operations: Operation[] = [];
  private readonly checks = new Map<string, (request: RequestParts) => Issue[]>();
  private readonly parts = new Map<string, Map<HttpPart, (value: unknown) => Issue[]>>();
  private readonly schemas = new Map<string, RouteSchema>();

  constructor(document: OpenApiDocument = loadOpenApi()) {
    const body = newAjv(false, document);
    const params = newAjv('array', document);
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of ['get', 'post', 'put', 'delete'] as const) {
        const operation = item[method];
        if (!operation) continue;
        const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((p) =>
          resolve<Parameter>(document, p),
        );
        const content = operation.requestBody?.content?.['application/json'];
        const locations = (['path', 'query', 'header'] as const).map((location) => {
          const own = parameters.filter((p) => p.in === location);
          const name = (p: Parameter) => (location === 'header' ? p.name.toLowerCase() : p.name);
          const schema = {
            type: 'object',
            properties: Object.fromEntries(own.map((p) => [name(p), p.schema])),
            required: own.filter((p) => p.required).map(name),
            // Unknown query parameters are refused; other headers are none of the contract's business.
            additionalProperties: location !== 'query',
          };
          return { location, validate: params.compile(schema) };
        });
        const validateBody = content && body.compile(content.schema as object);
        const required = operation.requestBody?.required === true;
        const own = new Map<HttpPart, (value: unknown) => Issue[]>();
        const schema: RouteSchema = {};
        const tag = (part: HttpPart, json: unknown) =>
          (schema[part] = {
            ...(rebase(json) as object),
            'x-operation': operation.operationId,
            'x-part': part,
          });
        for (const { location, validate } of locations) {
          const part = FASTIFY_PART[location];
          own.set(part, (value) => (validate(value) ? [] : toIssues(validate.errors, location)));
          tag(part, validate.schema);
        }
        if (content) {
          own.set('body', (value) => {
            if (value === undefined || value === null) {
              return required
                ? [{ path: 'body', code: 'required', message: 'Send a JSON body.' }]
                : [];
            }
            return validateBody!(value) ? [] : toIssues(validateBody!.errors, 'body');
          });
          tag('body', content.schema);
        }
        this.parts.set(operation.operationId, own);
        this.schemas.set(operation.operationId, schema);
        this.checks.set(operation.operationId, (request) => {
          const issues: Issue[] = [];
          for (const { location, validate } of locations) {
            const value =
              location === 'path'
                ? request.params
                : location === 'query'
                  ? request.query
                  : request.headers;
            if (!validate(value)) issues.push(...toIssues(validate.errors, location));
          }
          if (request.body === undefined) {
            if (required) {
              issues.push({ path: 'body', code: 'required', message: 'Send a JSON body.' });
            }
          } else if (validateBody && !validateBody(request.body)) {
            issues.push(...toIssues(validateBody.errors, 'body'));
          }
          return issues;
        });
        this.operations.push({
          id: operation.operationId,
          method: method.toUpperCase() as Operation['method'],
          route: path.replace(/\{(\w+)\}/g, ':$1'),
          hasBody: Boolean(content),
        });
      }
    }
  }

  /** The fastify route schema of an operation (pass it as the route's `schema`). */
  routeSchema(operationId: string): RouteSchema {
    return this.schemas.get(operationId)!;
  }

  /**
   * A fastify `validatorCompiler` for the route schemas `routeSchema` gives: each part is checked
   * by the contract's own validators (coercing parameters in place), and a failure answers an
   * `invalid` SegmentError with one issue per problem, as `check` does. Other schemas are refused.
   */
  readonly validatorCompiler = ({ schema }: { schema: unknown }) => {
    const { 'x-operation': id, 'x-part': part } = (schema ?? {}) as Record<string, unknown>;
    const validate = this.parts.get(id as string)?.get(part as HttpPart);
    if (!validate) throw new Error('Only route schemas from Contract.routeSchema can be compiled.');
    return (value: unknown) => {
      const issues = validate(value);
      return issues.length ? { error: refusal(issues) } : true;
    };
  };

  /**
   * Checks a request against its operation, coercing its parameters in place; throws
   * `invalid` with one issue per problem.
   */
  check(operationId: string, request: RequestParts): void {
    const issues = this.checks.get(operationId)!(request);
    if (issues.length) throw refusal(issues);
  }
}

export function loadOpenApi(): OpenApiDocument {
  return parse(readFileSync(OPENAPI_PATH, 'utf8')) as OpenApiDocument;
}

export interface OpenApiDocument {
  paths: Record<string, PathItem>;
  components: { schemas: Record<string, unknown>; parameters?: Record<string, Parameter> };
}

// ---- helpers ----

const FASTIFY_PART = { path: 'params', query: 'querystring', header: 'headers' } as const;

const refusal = (issues: Issue[]) =>
  new SegmentError('invalid', `The request does not match the API: ${issues[0]!.message}`, {
    issues,
  });

interface Parameter {
  $ref?: string;
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: unknown;
}

interface OperationObject {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema: unknown }> };
}

type PathItem = { parameters?: Parameter[] } & Partial<
  Record<'get' | 'post' | 'put' | 'delete', OperationObject>
>;

/** One Ajv per coercion mode, with the document's component schemas resolvable by $ref. */
function newAjv(coerceTypes: false | 'array', document: OpenApiDocument): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, coerceTypes, useDefaults: true, strict: false });
  addFormats.default(ajv);
  ajv.addSchema({ $id: 'openapi.json', components: document.components });
  return new Proxy(ajv, {
    get(target, property) {
      if (property !== 'compile') return Reflect.get(target, property, target);
      return (schema: unknown): ValidateFunction => target.compile(rebase(schema) as object);
    },
  });
}

/** `#/components/…` inside an operation means the document's components: point there. */
function rebase(schema: unknown): unknown {
  return JSON.parse(
    JSON.stringify(schema ?? {}).replaceAll(
      '"$ref":"#/components/',
      '"$ref":"openapi.json#/components/',
    ),
  );
}

function resolve<T>(document: OpenApiDocument, value: T & { $ref?: string }): T {
  if (!value.$ref) return value;
  const path = value.$ref.replace(/^#\//, '').split('/');
  return path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], document) as T;
}

function toIssues(errors: ErrorObject[] | null | undefined, location: string): Issue[] {
  return (errors ?? []).slice(0, 20).map((error) => {
    const where = [location, ...error.instancePath.split('/').filter(Boolean)];
    const extra =
      error.keyword === 'additionalProperties'
        ? (error.params as { additionalProperty: string }).additionalProperty
        : error.keyword === 'required'
          ? (error.params as { missingProperty: string }).missingProperty
          : undefined;
    if (extra !== undefined) where.push(extra);
    const path = where.join('.');
    const message =
      error.keyword === 'additionalProperties'
        ? `${path} is not part of the API.`
        : error.keyword === 'required'
          ? `${path} is required.`
          : `${path} ${error.message ?? 'is not valid'}.`;
    return { path, code: error.keyword, message };
  });
}
