import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import layers from './eslint/layers.js';

export default tseslint.config(
  { ignores: ['.prof*', 'dist/**', 'dist-bundle/**', '.bundle-work/**', 'node_modules/**', 'data/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
      // Report texts legitimately contain full-width spaces and control characters are matched on purpose.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipComments: true, skipRegExps: true, skipTemplates: true }],
      'no-control-regex': 'off',
    },
  },
  // The layer order of src/ (eslint/layers.js; README.md, "Layers and errors").
  { files: ['src/**/*.{ts,tsx,mjs,js}'], plugins: { luoshi: layers }, rules: { 'luoshi/layers': 'error' } },
);
