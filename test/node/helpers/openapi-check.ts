/**
 * The test side of the HTTP contract: openapi.yaml read on its own (not through the server's
 * contract module), and a fetch wrapper that checks every request the RestAdapter sends and
 * every answer the backend gives against it. Violations are collected, not thrown, so a test
 * can assert at the end that there were none.
 */
import { readFileSync } from 'node:fs';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

export const OPENAPI_FILE = new URL('../../../openapi.yaml', import.meta.url);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export function readOpenApi(): Json {
  return parse(readFileSync(OPENAPI_FILE, 'utf8'));
}

export interface ContractChecker {
  /** A fetch that checks what passes through it against openapi.yaml. */
  wrap(inner: typeof fetch): typeof fetch;
  /** Checks one answer; returns what is wrong with it ([] when it matches). */
  checkResponse(method: string, url: string, status: number, body: unknown): string[];
  /** Every problem seen so far. */
  readonly violations: string[];
  /** Operation ids that were exercised, with the statuses seen. */
  readonly seen: Map<string, Set<number>>;
}

export function contractChecker(document: Json = readOpenApi()): ContractChecker {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  ajv.addSchema({ $id: 'doc.json', components: document.components });
  const compiled = new Map<unknown, ValidateFunction>();
  const validator = (schema: unknown) => {
    let fn = compiled.get(schema);
    if (!fn) {
      const text = JSON.stringify(schema).replaceAll('"#/components/', '"doc.json#/components/');
      fn = ajv.compile(JSON.parse(text));
      compiled.set(schema, fn);
    }
    return fn;
  };
  const deref = (node: Json): Json =>
    node?.$ref
      ? node.$ref
          .slice(2)
          .split('/')
          .reduce((at: Json, key: string) => at[key], document)
      : node;
  const routes = Object.entries(document.paths as Record<string, Json>).flatMap(([path, item]) =>
    ['get', 'post', 'put', 'delete']
      .filter((method) => item[method])
      .map((method) => ({
        method: method.toUpperCase(),
        pattern: new RegExp(`^/api${path.replace(/\{\w+\}/g, '[^/]+')}$`),
        operation: item[method],
      })),
  );
  const violations: string[] = [];
  const seen = new Map<string, Set<number>>();
  const find = (method: string, url: string) => {
    const { pathname } = new URL(url);
    return routes.find((r) => r.method === method && r.pattern.test(pathname));
  };

  const checkResponse = (method: string, url: string, status: number, body: unknown) => {
    const route = find(method, url);
    if (!route) return [`${method} ${url}: no operation in openapi.yaml`];
    const id = route.operation.operationId as string;
    if (!seen.has(id)) seen.set(id, new Set());
    seen.get(id)!.add(status);
    const response = deref(route.operation.responses[String(status)]);
    if (!response) return [`${id}: status ${status} is not documented`];
    const schema = response.content?.['application/json']?.schema;
    if (!schema)
      return body === undefined ? [] : [`${id} ${status}: a body where none is documented`];
    const validate = validator(schema);
    return validate(body) ? [] : [`${id} ${status}: ${ajv.errorsText(validate.errors)}`];
  };

  return {
    violations,
    seen,
    checkResponse,
    wrap: (inner) => async (input, init) => {
      const url = String(input);
      const method = init?.method ?? 'GET';
      const route = find(method, url);
      if (!route) violations.push(`${method} ${url}: no operation in openapi.yaml`);
      const schema = route?.operation.requestBody?.content?.['application/json']?.schema;
      if (route && init?.body !== undefined) {
        if (!schema) violations.push(`${method} ${url}: a body where none is documented`);
        else {
          const validate = validator(schema);
          if (!validate(JSON.parse(String(init.body)))) {
            violations.push(`${method} ${url} request: ${ajv.errorsText(validate.errors)}`);
          }
        }
      }
      const response = await inner(input, init);
      const text = await response.clone().text();
      violations.push(
        ...checkResponse(method, url, response.status, text ? JSON.parse(text) : undefined),
      );
      return response;
    },
  };
}
