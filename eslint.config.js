// ESLint: typescript-eslint's recommended rules (type-aware where cheap) and eslint-plugin-astro's, on every source
// file; `npm run lint` and `npm run check` run it with zero warnings allowed.
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      '.astro/',
      'node_modules/',
      'tests/.tmp/',
      'bench/out/',
      'content/',
      'tests/fixtures/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
    rules: {
      // The archive sanitises upstream text: matching control characters is the point of those expressions.
      'no-control-regex': 'off',
      // `_name` marks a deliberately unused binding (destructuring out a field, a required parameter).
      '@typescript-eslint/no-unused-vars': [
        'warn',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
);
