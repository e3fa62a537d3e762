// Lint rules: the recommended sets of ESLint and typescript-eslint, nothing more.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**', 'src/emulator/web/vendor/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Plain .js files are Node scripts (the bin entry) or browser modules (the emulator's web page).
    files: ['src/cli/**/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src/emulator/web/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
