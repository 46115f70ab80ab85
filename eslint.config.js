// Lint: code quality plus the layer boundaries of the architecture (STYLE #13), enforced with
// no-restricted-imports so that no resolver is needed. tests/lint/boundaries.test.ts proves each boundary bites.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';
import globals from 'globals';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const wing = (name) => [`**/${name}`, `**/${name}/**`];

const restrict = (patterns, paths, message) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: paths.map((name) => ({ name, message })),
      patterns: patterns.length ? [{ group: patterns, message }] : [],
    },
  ],
});

export const boundaries = {
  // shared is pure TypeScript used by every side: it imports only shared.
  shared: restrict(
    [...wing('src-main'), ...wing('src-renderer'), ...wing('src-server'), ...wing('tests'), 'react-dom/*'],
    [...nodeBuiltins, 'electron', 'react', 'react-dom', 'zustand', 'pg', '@electric-sql/pglite', 'dexie'],
    'shared/ is pure TypeScript: it may import only shared/ and pure libraries (no React, Electron, Node or storage).',
  ),
  renderer: restrict(
    [...wing('src-main'), ...wing('src-server')],
    [...nodeBuiltins, 'electron', 'pg', '@electric-sql/pglite'],
    'src-renderer/ runs in a sandboxed page: it may import only itself and shared/ (talk to main through the bridge).',
  ),
  main: restrict(
    [...wing('src-renderer'), ...wing('src-server')],
    [],
    'src-main/ may import only itself and shared/.',
  ),
  server: restrict(
    [...wing('src-renderer'), ...wing('src-main')],
    ['electron', 'react', 'react-dom'],
    'src-server/ may import only itself and shared/.',
  ),
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use an `as const` object instead of enum.' }, { selector: 'ExportDefaultDeclaration', message: 'No default exports.' }],
    },
  },
  { files: ['scripts/**/*.mjs', 'tests/**/*.mjs', '*.config.{js,mjs}', 'eslint.config.js'], languageOptions: { globals: globals.node } },
  { files: ['src-renderer/**/*.{ts,tsx}'], plugins: { 'react-hooks': reactHooks }, rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' } },
  { files: ['shared/**/*.ts'], ignores: ['shared/**/*.test.ts'], rules: boundaries.shared },
  { files: ['src-renderer/**/*.{ts,tsx}'], ignores: ['src-renderer/**/*.test.{ts,tsx}'], rules: boundaries.renderer },
  { files: ['src-main/**/*.ts'], ignores: ['src-main/**/*.test.ts'], rules: boundaries.main },
  { files: ['src-server/**/*.ts'], ignores: ['src-server/**/*.test.ts'], rules: boundaries.server },
  // Config files and global declarations may default-export / declare interfaces where tools require it.
  { files: ['*.config.{ts,js}', 'eslint.config.js'], rules: { 'no-restricted-syntax': 'off' } },
  { files: ['**/*.d.ts', 'src-renderer/bridge/**'], rules: { '@typescript-eslint/consistent-type-definitions': 'off' } },
);
