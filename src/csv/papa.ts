import type Papa from 'papaparse';
import { LazyLibrary } from '../lazy-library.ts';

/**
 * papaparse's tokenizer, loaded when a CSV file is first read rather than with the page (the
 * CSV worker bundles it). papaparse is CommonJS: its module is the Papa object.
 */
export const papaLibrary = new LazyLibrary<typeof Papa>(
  'papaparse',
  () => import('papaparse').then((module) => module.default),
  (required) => required as typeof Papa,
  'papaparse',
);
