import type { FilterGroup } from './model.ts';

/**
 * The read-only segments every store has. Their ids are stable so hosts, links
 * and `segment` filter rules can name them; their filters are evaluated like any other.
 */
export interface PredefinedSegment {
  id: string;
  name: string;
  filter: FilterGroup;
}

const only = (field: string, operator: string, value: number): FilterGroup => ({
  combinator: 'and',
  rules: [{ field, operator, value }],
});

export const PREDEFINED_SEGMENTS: readonly PredefinedSegment[] = [
  {
    id: 'first-time-customers',
    name: 'First Time Customers',
    filter: only('ordersCount', 'equals', 1),
  },
  {
    id: 'returning-customers',
    name: 'Returning Customers',
    filter: only('ordersCount', 'gte', 2),
  },
  ...[10, 50, 100].map((n) => ({
    id: `top-${n}-spenders`,
    name: `Top ${n} High-Value Spenders`,
    filter: only('spendRank', 'lte', n),
  })),
];
