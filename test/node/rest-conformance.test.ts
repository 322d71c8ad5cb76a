import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { adapterChecks } from '../../src/testing/index.ts';
import { contractChecker, readOpenApi } from './helpers/openapi-check.ts';
import { startTestBackend, type TestBackend } from './helpers/rest-backend.ts';

/**
 * The conformance kit run against the RestAdapter speaking HTTP to the reference backend, on
 * PGlite always and on a real PostgreSQL server when DATABASE_URL names one (.ci/run starts
 * one). Every request and answer of the run is checked against openapi.yaml.
 */

describe('openapi.yaml', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(readOpenApi());
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
  });

  it('has one operation per adapter method (listMembers two: of a segment, of a filter)', () => {
    const ids = Object.values(readOpenApi().paths as Record<string, Record<string, unknown>>)
      .flatMap((item) => Object.values(item))
      .map((operation) => (operation as { operationId?: string }).operationId)
      .filter(Boolean)
      .sort();
    assert.deepEqual(ids, [
      'addMembers',
      'countHistory',
      'countMembers',
      'createSegment',
      'deleteSegment',
      'duplicateSegment',
      'finishImport',
      'getSegment',
      'listFilterMembers',
      'listMembers',
      'listSegments',
      'resolveAudience',
      'updateSegment',
    ]);
  });
});

for (const server of [false, true]) {
  const name = server ? 'a PostgreSQL server (DATABASE_URL)' : 'PGlite';
  const skip = server && !process.env.DATABASE_URL;
  if (skip) {
    console.log('# skipped: RestAdapter conformance on a PostgreSQL server (set DATABASE_URL)');
  }
  describe(
    `user-segments/testing against the RestAdapter and the reference backend on ${name}`,
    {
      skip,
    },
    () => {
      let backend: TestBackend;
      const contract = contractChecker();

      before(async () => {
        backend = await startTestBackend({ server });
      });
      after(() => backend?.close());

      for (const check of adapterChecks) {
        it(check.name, () => check.run(backend.factory(contract.wrap)));
      }

      it('sent and received only what openapi.yaml describes', () => {
        assert.deepEqual(contract.violations, []);
        // The run reached every operation, so the check above covered all of them.
        assert.equal(contract.seen.size, 13, [...contract.seen.keys()].join(', '));
      });
    },
  );
}
