import type { FieldType, Operator } from '../../../src/core.ts';

const SAMPLES: Record<FieldType, unknown> = {
  string: 'x',
  phone: '9876543210',
  date: '2024-01-01',
  number: 1,
  money: 100,
  boolean: true,
  tags: ['vip'],
  segment: ['returning-customers'],
};

/** A valid value of the shape an operator takes on a field of this type. */
export function sampleValue(type: FieldType, operator: Operator): unknown {
  const value = SAMPLES[type];
  if (operator === 'isEmpty' || operator === 'isNotEmpty') return undefined;
  if (operator === 'between') return [value, value];
  if (operator === 'inLast' || operator === 'notInLast') return { amount: 1, unit: 'days' };
  if ((operator === 'in' || operator === 'notIn') && !Array.isArray(value)) return [value];
  return value;
}
