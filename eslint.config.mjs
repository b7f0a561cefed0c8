// typescript-eslint's recommended rules over src/, test/, examples/ and scripts/; formatting is prettier's
// (eslint-config-prettier turns off the rules it owns). `npm test` runs it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'lib/',
      'build/',
      'dist/',
      'node_modules/',
      'coverage/',
      '**/*.js',
      '**/*.mjs',
      'test/**/fixtures/',
      'src/**/*.generated.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests read parsed YAML and JSON whose shape their assertions check.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    rules: {
      // Flags initialise-then-branch code that TypeScript's definite-assignment analysis already covers.
      'no-useless-assignment': 'off',
      // Unused names are compile errors already (noUnusedLocals/Parameters); `_`-prefixed ones are deliberate.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
);
