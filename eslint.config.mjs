// @ts-check
// ESLint with typescript-eslint's type-aware rules (`npm run lint`, the first step of `npm test`).
// A rule turned off or changed here says why: it fights a deliberate habit of this codebase and found no bug.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    // Build output, downloaded editors, the npm package's copies, and fixtures that are data, not code.
    ignores: ['out/', 'dist/', '.vscode-test/', 'packages/cli/', 'test/fixtures/'],
  },
  {
    // A disable comment that no longer suppresses anything is an error, so none goes stale again.
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // YAML scalar values are `unknown` in the yaml library's types, narrowed to `{}`, and GopherJS strings too:
      // String() on them is the text of a number, boolean or string. Every finding was one of those.
      '@typescript-eslint/no-base-to-string': 'off',
      // `import net = require('net')` is TypeScript's CommonJS import, not a bare require().
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
      // test/support/dockerfileMeaning.ts needs the ambient `mvdan-sh` declaration of the server project.
      '@typescript-eslint/triple-slash-reference': ['error', { path: 'always', types: 'prefer-import', lib: 'always' }],
      // tsc's noUnusedLocals/noUnusedParameters already report these, with the same meaning.
      '@typescript-eslint/no-unused-vars': 'off',
    },
  },
  {
    // Tests read JSON (CLI output, SARIF, package.json) as `any` and assert on it with deepStrictEqual: a wrong
    // shape fails the assertion. Typing every parsed document only to satisfy these rules would add no check.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.mjs', 'test/fixtures/**/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['media/**/*.js'],
    languageOptions: { globals: { ...globals.browser, acquireVsCodeApi: 'readonly' } },
  },
  // Layout is Prettier's job (`npm run format`): no ESLint rule may argue with it.
  prettier,
);
