import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'custom-elements.json',
      'test/fixtures/',
      'bench/.first-load/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // src/ is the DOM-free core: it must import neither lit nor the components.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['lit', 'lit/*', '@lit/*', '../components/*', '../../components/*'] },
      ],
    },
  },
  {
    // Elements reach data only through an adapter, and src/ only through its public modules:
    // never Dexie, never fetch, never a module deep inside src/.
    files: ['components/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'dexie', message: 'Elements call the adapter, never Dexie.' }],
          patterns: [
            {
              regex: '^(\\.\\./)+src/(?!core\\.ts$)',
              message: 'Import from src/core.ts, the public core, not from inside src/.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Elements call the adapter; only RestAdapter calls fetch.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'fetch', message: 'Elements call the adapter.' },
        { object: 'globalThis', property: 'fetch', message: 'Elements call the adapter.' },
        { object: 'self', property: 'fetch', message: 'Elements call the adapter.' },
      ],
    },
  },
  {
    // The package entry re-exports the browser adapters' entries (Local, Cached) beside the elements.
    files: ['components/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'dexie', message: 'Elements call the adapter, never Dexie.' }],
          patterns: [
            {
              regex:
                '^(\\.\\./)+src/(?!core\\.ts$|adapters/local/index\\.ts$|adapters/cached/index\\.ts$)',
              message: 'Import from src/core.ts, the public core, not from inside src/.',
            },
          ],
        },
      ],
    },
  },
);
