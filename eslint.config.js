import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'data/**',
      'migrations/**',
      'coverage/**',
      'tests/perf/results/**',
      '.tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  { languageOptions: { globals: { ...globals.node } } },
  { files: ['client/**'], languageOptions: { globals: { ...globals.browser } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Call the API through client/src/api only.' },
      ],
      'vue/multi-word-component-names': 'off',
    },
  },
  // The layers, enforced: routes (HTTP) never reach past the services; domain/ and exports/ are pure and
  // import only shared/ (and third-party packages); the client never imports server code.
  {
    files: ['server/src/routes/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(repositories|db)/',
              message: 'Routes call services; only services use repositories and the database.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/domain/**', 'server/src/exports/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./',
              message: 'domain/ and exports/ are pure: they import only @ipt/shared and their own folder.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)server(/|$)',
              message: 'The client never imports server code: share it through @ipt/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    // The one file allowed to call fetch, and tests that talk HTTP.
    files: ['client/src/api/http.ts', 'tests/**'],
    rules: { 'no-restricted-globals': 'off' },
  },
  prettier,
);
