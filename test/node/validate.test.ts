import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  FIELDS,
  compileFilter,
  isSegmentError,
  validateFilter,
  type FilterGroup,
  type FilterRule,
  type Issue,
  type ValidateOptions,
} from '../../src/core.ts';
import { sampleValue } from './helpers/sample-values.ts';
import { checkProperty } from './helpers/seeds.ts';

const all = (...rules: unknown[]) => ({ combinator: 'and', rules });
const rule = (field: string, operator: string, value?: unknown): FilterRule =>
  value === undefined ? { field, operator } : { field, operator, value };

/** "path code" of every issue, the way a host would log them. */
const problems = (filter: unknown, options?: ValidateOptions): string[] =>
  validateFilter(filter, undefined, options).map((i: Issue) => `${i.path} ${i.code}`);

/** The single issue one rule gets, as "path code". */
const ruleProblem = (r: unknown) => problems(all(r));

describe('the field catalogue', () => {
  test('offers exactly the fields and operators of the filter JSON reference', () => {
    const text =
      'equals notEquals contains notContains startsWith endsWith in notIn isEmpty isNotEmpty';
    const phone = 'equals notEquals startsWith contains in notIn isEmpty isNotEmpty';
    const date = 'on before after between inLast notInLast isEmpty isNotEmpty';
    const number = 'equals notEquals gt gte lt lte between';
    const contract: Record<string, [type: string, operators: string]> = {
      email: ['string', text],
      name: ['string', text],
      city: ['string', text],
      state: ['string', text],
      phone: ['phone', phone],
      createdOn: ['date', date],
      firstOrderOn: ['date', date],
      lastOrderOn: ['date', date],
      ordersCount: ['number', number],
      spendRank: ['number', number],
      totalSpent: ['money', number],
      tags: ['tags', 'hasAny hasAll hasNone isEmpty isNotEmpty'],
      acceptsMarketing: ['boolean', 'equals'],
      segment: ['segment', 'in notIn'],
    };
    const offered = Object.fromEntries(
      FIELDS.map((field) => [field.id, [field.type, [...field.operators].sort().join(' ')]]),
    );
    const expected = Object.fromEntries(
      Object.entries(contract).map(([id, [type, ops]]) => [
        id,
        [type, ops.split(' ').sort().join(' ')],
      ]),
    );
    assert.deepEqual(offered, expected);
    // Labels are words a seller reads, not ids.
    for (const field of FIELDS) assert.match(field.label, /^[A-Z][a-z]+( [a-z]+)*$/, field.id);
  });
});

describe('a filter a seller built correctly', () => {
  test('has no issues, whatever fields and operators it uses', () => {
    const filter = all(
      rule('email', 'endsWith', '@gmail.com'),
      rule('phone', 'in', ['98765 43210', '+14155552671']),
      rule('phone', 'startsWith', '98765'),
      rule('name', 'isEmpty'),
      rule('createdOn', 'between', ['2024-01-01', '2024-12-31']),
      rule('lastOrderOn', 'inLast', { amount: 3, unit: 'months' }),
      rule('totalSpent', 'gte', 100_000),
      rule('spendRank', 'lte', 10),
      rule('tags', 'hasNone', ['blocked']),
      rule('acceptsMarketing', 'equals', false),
      rule('segment', 'notIn', ['first-time-customers']),
      { combinator: 'or', not: true, rules: [rule('city', 'in', ['Pune', 'Goa'])] },
    );
    assert.deepEqual(validateFilter(filter), []);
  });

  test('every operator the catalogue offers for a field is accepted for it', () => {
    for (const field of FIELDS) {
      for (const operator of field.operators) {
        const value = sampleValue(field.type, operator);
        assert.deepEqual(
          ruleProblem(rule(field.id, operator, value)),
          [],
          `${field.id} ${operator}`,
        );
      }
    }
  });
});

describe('each mistake is reported where it is, with a stable code', () => {
  const cases: [string, unknown, string[]][] = [
    ['not an object', 'email is gmail', [' not-a-group']],
    ['a rule instead of a group', rule('email', 'equals', 'x'), [' not-a-group']],
    [
      'an unknown combinator',
      { combinator: 'xor', rules: [rule('name', 'isEmpty')] },
      ['combinator unknown-combinator'],
    ],
    [
      '"not" that is not true/false',
      { combinator: 'and', not: 'yes', rules: [rule('name', 'isEmpty')] },
      ['not wrong-value-type'],
    ],
    ['an empty group', all(), ['rules empty-group']],
    [
      'an empty nested group',
      all(rule('name', 'isEmpty'), { combinator: 'or', rules: [] }),
      ['rules.1.rules empty-group'],
    ],
    ['a rule that is not an object', all(42), ['rules.0 not-a-rule']],
    ['an unknown field', all(rule('shoeSize', 'gt', 9)), ['rules.0.field unknown-field']],
    ['no field at all', all({ operator: 'equals', value: 'x' }), ['rules.0.field unknown-field']],
    [
      'an unknown operator',
      all(rule('email', 'resembles', 'x')),
      ['rules.0.operator unknown-operator'],
    ],
    [
      'an operator of another type',
      all(rule('email', 'gt', 3)),
      ['rules.0.operator operator-not-allowed'],
    ],
    ['a missing value', all(rule('ordersCount', 'gte')), ['rules.0.value missing-value']],
    ['an empty text', all(rule('email', 'contains', '')), ['rules.0.value missing-value']],
    ['a value for isEmpty', all(rule('email', 'isEmpty', 'x')), ['rules.0.value unexpected-value']],
    ['text for a number', all(rule('ordersCount', 'gte', '3')), ['rules.0.value wrong-value-type']],
    [
      'a fraction of a paisa',
      all(rule('totalSpent', 'gte', 10.5)),
      ['rules.0.value wrong-value-type'],
    ],
    ['infinity', all(rule('ordersCount', 'lt', Infinity)), ['rules.0.value wrong-value-type']],
    [
      'a word for yes/no',
      all(rule('acceptsMarketing', 'equals', 'yes')),
      ['rules.0.value wrong-value-type'],
    ],
    [
      'a malformed date',
      all(rule('createdOn', 'on', '01/02/2024')),
      ['rules.0.value invalid-date'],
    ],
    [
      'an impossible date',
      all(rule('createdOn', 'before', '2024-02-30')),
      ['rules.0.value invalid-date'],
    ],
    [
      '29 February of a common year',
      all(rule('createdOn', 'after', '2023-02-29')),
      ['rules.0.value invalid-date'],
    ],
    [
      'a date in the distant past',
      all(rule('createdOn', 'on', '0999-12-31')),
      ['rules.0.value invalid-date'],
    ],
    [
      'letters to find in a phone',
      all(rule('phone', 'contains', 'abc')),
      ['rules.0.value invalid-phone'],
    ],
    [
      'a bad date in a range',
      all(rule('createdOn', 'between', ['2024-01-01', '2024-13-01'])),
      ['rules.0.value.1 invalid-date'],
    ],
    [
      'a range given backwards',
      all(rule('createdOn', 'between', ['2024-02-01', '2024-01-01'])),
      ['rules.0.value invalid-range'],
    ],
    [
      'a number range backwards',
      all(rule('ordersCount', 'between', [5, 1])),
      ['rules.0.value invalid-range'],
    ],
    [
      'a range of one value',
      all(rule('ordersCount', 'between', [5])),
      ['rules.0.value wrong-value-type'],
    ],
    ['an empty list', all(rule('city', 'in', [])), ['rules.0.value empty-list']],
    [
      'a list with a blank',
      all(rule('tags', 'hasAny', ['vip', ''])),
      ['rules.0.value.1 missing-value'],
    ],
    [
      'one text instead of a list',
      all(rule('tags', 'hasAll', 'vip')),
      ['rules.0.value wrong-value-type'],
    ],
    [
      'a phone that is not a number',
      all(rule('phone', 'equals', '12345')),
      ['rules.0.value invalid-phone'],
    ],
    [
      'a bad phone in a list',
      all(rule('phone', 'notIn', ['9876543210', 'call me'])),
      ['rules.0.value.1 invalid-phone'],
    ],
    [
      'letters in a phone prefix',
      all(rule('phone', 'startsWith', '98x')),
      ['rules.0.value invalid-phone'],
    ],
    [
      'a zero amount of days',
      all(rule('createdOn', 'inLast', { amount: 0, unit: 'days' })),
      ['rules.0.value.amount invalid-amount'],
    ],
    [
      'an unknown unit',
      all(rule('createdOn', 'notInLast', { amount: 2, unit: 'years' })),
      ['rules.0.value.unit invalid-unit'],
    ],
    [
      'a number for inLast',
      all(rule('createdOn', 'inLast', 7)),
      ['rules.0.value wrong-value-type'],
    ],
    ['no segment ids', all(rule('segment', 'in', [])), ['rules.0.value empty-list']],
  ];
  for (const [what, filter, expected] of cases) {
    test(what, () => assert.deepEqual(problems(filter), expected));
  }

  test('every problem in a filter is reported, not just the first', () => {
    const filter = {
      combinator: 'nand',
      rules: [rule('email', 'equals', 7), all(rule('createdOn', 'on', '2024-02-30'))],
    };
    assert.deepEqual(problems(filter), [
      'combinator unknown-combinator',
      'rules.0.value wrong-value-type',
      'rules.1.rules.0.value invalid-date',
    ]);
  });

  test('messages are plain words a seller can act on', () => {
    const issues = validateFilter(
      all(
        rule('createdOn', 'on', '2024-02-30'),
        rule('email', 'gt', 3),
        rule('phone', 'equals', '12345'),
        rule('city', 'in', []),
      ),
    );
    assert.deepEqual(
      issues.map((i) => i.message),
      [
        'Created on: 2024-02-30 is not a real date.',
        'Email cannot be compared with "more than".',
        'Phone: "12345" is not a valid phone number.',
        'Choose at least one value for City.',
      ],
    );
  });
});

describe("a host's own field catalogue", () => {
  test('only the fields a host offers can be filtered on, with the operators it allows', () => {
    const fields = [
      { id: 'email', label: 'Email address', type: 'string', operators: ['equals'] },
      { id: 'loyaltyTier', label: 'Loyalty tier', type: 'string', operators: ['in'] },
    ] as const;
    const filter = all(
      rule('loyaltyTier', 'in', ['gold']),
      rule('email', 'contains', 'x'),
      rule('city', 'equals', 'Pune'),
    );
    const issues = validateFilter(filter, fields);
    assert.deepEqual(
      issues.map((i) => [i.path, i.code, i.message]),
      [
        [
          'rules.1.operator',
          'operator-not-allowed',
          'Email address cannot be compared with "contains".',
        ],
        ['rules.2.field', 'unknown-field', '"city" is not something you can filter on.'],
      ],
    );
  });

  test("an operator the host lists but the field's type cannot do is not allowed", () => {
    // Otherwise compileFilter would have no test to run and filterToSql no SQL to write.
    const fields = [
      { id: 'loyaltyTier', label: 'Loyalty tier', type: 'string', operators: ['gt', 'in'] },
    ] as const;
    const filter = all(rule('loyaltyTier', 'gt', 'gold'), rule('loyaltyTier', 'in', ['gold']));
    assert.deepEqual(
      validateFilter(filter, fields).map((i) => [i.path, i.code, i.message]),
      [
        [
          'rules.0.operator',
          'operator-not-allowed',
          'Loyalty tier cannot be compared with "more than".',
        ],
      ],
    );
    assert.throws(
      () => compileFilter(filter, { fields }),
      (error) => isSegmentError(error, 'invalid'),
    );
  });
});

describe('limits', () => {
  const nest = (levels: number): unknown => {
    let group: unknown = all(rule('name', 'isEmpty'));
    for (let i = 1; i < levels; i++) group = all(group);
    return group;
  };

  test('groups nest five levels deep, not six', () => {
    assert.deepEqual(problems(nest(5)), []);
    assert.deepEqual(problems(nest(6)), ['rules.0.rules.0.rules.0.rules.0.rules.0 too-deep']);
  });

  test('a relative date goes back at most 10,000 days, weeks or months', () => {
    const back = (amount: number) => all(rule('createdOn', 'inLast', { amount, unit: 'months' }));
    assert.deepEqual(problems(back(10000)), []);
    assert.deepEqual(problems(back(10001)), ['rules.0.value.amount invalid-amount']);
  });

  test('a filter holds up to 100 conditions in all its groups', () => {
    const conditions = (n: number) => Array.from({ length: n }, () => rule('name', 'isEmpty'));
    assert.deepEqual(problems(all(...conditions(50), all(...conditions(50)))), []);
    assert.deepEqual(problems(all(...conditions(50), all(...conditions(51)))), [
      'rules too-many-rules',
    ]);
  });

  test('conditions of the segments a filter includes count too, so nesting segments cannot explode', () => {
    const conditions = (n: number, next?: string) =>
      Array.from({ length: n }, (_, i) =>
        next ? rule('segment', 'in', [next]) : rule('ordersCount', 'equals', i),
      );
    // Each holds 100 conditions naming the next: "a" would stand for 100³ conditions.
    const stored: Record<string, { filter: FilterGroup }> = {
      a: { filter: all(...conditions(100, 'b')) as FilterGroup },
      b: { filter: all(...conditions(100, 'c')) as FilterGroup },
      c: { filter: all(...conditions(100)) as FilterGroup },
      small: { filter: all(...conditions(10)) as FilterGroup },
    };
    const segments = (id: string) => stored[id];
    // How fast this is answered is a figure of `npm run bench -- filter`, not a test.
    assert.deepEqual(problems(all(rule('segment', 'in', ['a'])), { segments }), [
      'rules.0.value.0 invalid-segment',
    ]);
    assert.throws(
      () => compileFilter(all(rule('segment', 'in', ['b'])), { segments }),
      (error) => isSegmentError(error, 'invalid'),
    );
    // Ten segments of 100 conditions make 1,000: still fine; ten more conditions are too many.
    assert.deepEqual(problems(all(...conditions(10, 'c')), { segments }), []);
    const tooMany = all(...conditions(10, 'c'), rule('segment', 'in', ['small']));
    assert.deepEqual(problems(tooMany, { segments }), ['rules too-many-rules']);
    assert.throws(
      () => compileFilter(tooMany, { segments }),
      (error) => isSegmentError(error, 'invalid') && /at most 1,000 conditions/.test(error.message),
    );
  });

  test('absurdly deep or self-referencing input is answered at once, without a crash', () => {
    assert.deepEqual(problems(nest(100_000)).length, 1);
    const loop: FilterGroup = { combinator: 'and', rules: [] };
    loop.rules.push(loop, loop, loop, loop, loop, loop, loop, loop);
    assert.ok(problems(loop).includes('rules.0.rules.0.rules.0.rules.0.rules.0 too-deep'));
  });
});

describe('segments named in a filter', () => {
  const stored: Record<string, { filter: FilterGroup } | { memberIds: ReadonlySet<string> }> = {
    vip: { filter: all(rule('tags', 'hasAny', ['vip'])) as FilterGroup },
    'vip-in-pune': {
      filter: all(rule('segment', 'in', ['vip']), rule('city', 'equals', 'Pune')) as FilterGroup,
    },
    uploaded: { memberIds: new Set(['c1']) },
    broken: { filter: all(rule('createdOn', 'on', 'yesterday')) as FilterGroup },
  };
  const segments = (id: string) => stored[id];
  const naming = (...ids: string[]) => all(rule('segment', 'in', ids));

  test('known, predefined and uploaded segments are fine', () => {
    assert.deepEqual(problems(naming('vip', 'uploaded', 'top-50-spenders'), { segments }), []);
  });

  test('an id the store does not have is unknown', () => {
    assert.deepEqual(problems(naming('vip', 'gone'), { segments }), [
      'rules.0.value.1 unknown-segment',
    ]);
  });

  test('without a lookup, ids are checked for shape only', () => {
    assert.deepEqual(problems(naming('anything')), []);
    assert.deepEqual(problems(all(rule('segment', 'in', [3]))), [
      'rules.0.value.0 wrong-value-type',
    ]);
  });

  test('editing a segment so that it includes itself is a cycle, directly or through others', () => {
    assert.deepEqual(problems(naming('vip'), { segments, selfId: 'vip' }), [
      'rules.0.value.0 segment-cycle',
    ]);
    // Editing "vip" so that it includes "vip-in-pune", which includes "vip".
    assert.deepEqual(problems(naming('vip-in-pune'), { segments, selfId: 'vip' }), [
      'rules.0.value.0 segment-cycle',
    ]);
    assert.deepEqual(problems(naming('vip-in-pune'), { segments, selfId: 'uploaded' }), []);
  });

  test('a segment whose stored filter is broken cannot be used', () => {
    assert.deepEqual(problems(naming('broken'), { segments }), ['rules.0.value.0 invalid-segment']);
  });
});

describe('robustness: any value at all gets a list of issues, never an exception', () => {
  test('any JSON value', () => {
    checkProperty(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        assert.ok(Array.isArray(validateFilter(value)));
      }),
      { numRuns: 2000 },
    );
  });

  test('anything JavaScript can hold, including null-prototype objects and odd keys', () => {
    checkProperty(
      fc.property(
        fc.anything({
          withNullPrototype: true,
          withBoxedValues: true,
          withMap: true,
          withSet: true,
        }),
        (value) => {
          assert.ok(Array.isArray(validateFilter(value)));
          assert.ok(Array.isArray(validateFilter({ combinator: 'and', rules: [value] })));
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('null for the catalogue or the options (from plain JavaScript) means the defaults', () => {
    const filter = all(rule('city', 'equals', 'Pune'), rule('shoeSize', 'gt', 9));
    const expected = ['rules.1.field unknown-field'];
    assert.deepEqual(
      validateFilter(filter, null as unknown as undefined).map((i) => `${i.path} ${i.code}`),
      expected,
    );
    assert.deepEqual(problems(filter, null as unknown as ValidateOptions), expected);
  });

  test('filter-shaped values with random fields, operators and values', () => {
    const fieldIds = [...FIELDS.map((f) => f.id), 'nope'];
    const operators = [...new Set(FIELDS.flatMap((f) => f.operators)), 'nope'];
    const node: fc.Memo<unknown> = fc.memo((depth) =>
      depth <= 1
        ? fc.record({
            field: fc.constantFrom(...fieldIds),
            operator: fc.constantFrom(...operators),
            value: fc.anything(),
          })
        : fc.oneof(
            fc.record({
              field: fc.constantFrom(...fieldIds),
              operator: fc.constantFrom(...operators),
              value: fc.anything(),
            }),
            fc.record({
              combinator: fc.constantFrom('and', 'or', 'xor'),
              not: fc.anything(),
              rules: fc.array(node(depth - 1), { maxLength: 4 }),
            }),
          ),
    );
    checkProperty(
      fc.property(node(8), (value) => {
        const issues = validateFilter(value, undefined, { segments: () => undefined, selfId: 'x' });
        for (const issue of issues) {
          assert.equal(typeof issue.path, 'string');
          assert.match(issue.code, /^[a-z-]+$/);
          assert.ok(issue.message.length > 0 && issue.message.length < 200);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
