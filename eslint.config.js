// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'bench/.*.mjs',
      'node_modules/**',
      'data/**',
      'src/generated/**',
      'src/client/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Type-only imports keep runtime graphs honest under verbatimModuleSyntax.
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // Tests and library code never print; the logger is injected.
      'no-console': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: [
      'src/cli/**',
      'src/main.ts',
      'src/demo.ts',
      'src/emulator/main.ts',
      'bench/**',
      'eval/**',
      'test/support/no-print.ts',
    ],
    rules: { 'no-console': 'off' },
  },
);
