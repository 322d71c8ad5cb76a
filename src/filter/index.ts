export * from './fields.ts';
export * from './resolve.ts';
export * from './validate.ts';
export * from './compile.ts';
export { foldText, registerFoldFunction, SQL_FOLD_FUNCTION } from './text.ts';
export { canonicalInstant } from './dates.ts';
export * from './describe.ts';
export * from './sql.ts';
