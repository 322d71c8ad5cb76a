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

  /**
   * Checks a request against its operation, coercing its parameters in place; throws
   * `invalid` with one issue per problem.
   */
  check(operationId: string, request: RequestParts): void {
    const issues = this.checks.get(operationId)!(request);
    if (issues.length) {
      throw new SegmentError(
        'invalid',
        `The request does not match the API: ${issues[0]!.message}`,
        {
          issues,
        },
      );
    }
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
