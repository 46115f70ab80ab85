// Lint: code quality plus the layer boundaries of the architecture (STYLE #13), enforced with
// no-restricted-imports so that no resolver is needed. tests/lint/boundaries.test.ts proves each boundary bites.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';
import globals from 'globals';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const wing = (name) => [`**/${name}`, `**/${name}/**`];

// `extra`: more { regex, message } pattern groups for the same files (a later config's rule options replace an
// earlier one's, so the renderer's rooms below carry the wing boundary with them).
const restrict = (patterns, paths, message, extra = []) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: paths.map((name) => ({ name, message })),
      patterns: [...(patterns.length ? [{ group: patterns, message }] : []), ...extra],
    },
  ],
});

const rendererWing = [
  [...wing('src-main'), ...wing('src-server')],
  [...nodeBuiltins, 'electron', 'pg', '@electric-sql/pglite'],
  'src-renderer/ runs in a sandboxed page: it may import only itself and shared/ (talk to main through the bridge).',
];

// Rooms inside the renderer (issue #10): app/ is the shell and imports the features; a feature may import ui, db,
// bridge, i18n, lib, print, export, the sync engine's hooks and shared, never app/ or another feature; the lower rooms
// import no feature and not the shell, and db/, ui/, bridge/ and print/ not the sync engine.
// `depth`: how many folders a file sits below src-renderer/ (2 for features/<f>/x.ts).
const featureRooms = (depth) => {
  const up = '\\.\\./'.repeat(depth); // from the file to src-renderer/
  const features = '\\.\\./'.repeat(depth - 1); // from the file to features/
  return [
    { regex: `^${up}app(/|$)`, message: 'features/* may not import app/ (the shell imports the features): use ui/ (toasts, Section, routes).' },
    { regex: `^${up}testing(/|$)`, message: 'Test helpers (testing/) are for tests only.' },
    {
      regex: `^${features}(?!\\.)[^/]+(/|$)`,
      message: "A feature may not import another feature's internals: move the shared piece to ui/, db/, print/ or shared/.",
    },
  ];
};
const lowerRoom = (withSync) => [
  { regex: '^\\.\\./(app|features)(/|$)', message: 'ui/, db/, bridge/, i18n/, lib/, print/ and export/ are below the features and the shell: they import neither.' },
  ...(withSync ? [{ regex: '^\\.\\./sync(/|$)', message: 'db/, ui/, bridge/ and print/ do not import the sync engine (it imports them; inject what it needs).' }] : []),
];

export const boundaries = {
  // shared is pure TypeScript used by every side: it imports only shared.
  shared: restrict(
    [...wing('src-main'), ...wing('src-renderer'), ...wing('src-server'), ...wing('tests'), 'react-dom/*'],
    [...nodeBuiltins, 'electron', 'react', 'react-dom', 'zustand', 'pg', '@electric-sql/pglite', 'dexie'],
    'shared/ is pure TypeScript: it may import only shared/ and pure libraries (no React, Electron, Node or storage).',
  ),
  renderer: restrict(...rendererWing),
  rendererFeature: restrict(...rendererWing, featureRooms(2)),
  rendererFeatureSub: restrict(...rendererWing, featureRooms(3)),
  rendererLower: restrict(...rendererWing, lowerRoom(true)),
  rendererI18n: restrict(...rendererWing, lowerRoom(false)),
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
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.data/**', 'coverage/**', 'test-results/**'] },
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
  { files: ['src-renderer/features/*/*.{ts,tsx}'], ignores: ['src-renderer/**/*.test.{ts,tsx}'], rules: boundaries.rendererFeature },
  { files: ['src-renderer/features/*/*/*.{ts,tsx}'], ignores: ['src-renderer/**/*.test.{ts,tsx}'], rules: boundaries.rendererFeatureSub },
  { files: ['src-renderer/{ui,db,bridge,print,lib,export}/**/*.{ts,tsx}'], ignores: ['src-renderer/**/*.test.{ts,tsx}'], rules: boundaries.rendererLower },
  { files: ['src-renderer/i18n/**/*.{ts,tsx}'], ignores: ['src-renderer/**/*.test.{ts,tsx}'], rules: boundaries.rendererI18n },
  { files: ['src-main/**/*.ts'], ignores: ['src-main/**/*.test.ts'], rules: boundaries.main },
  { files: ['src-server/**/*.ts'], ignores: ['src-server/**/*.test.ts'], rules: boundaries.server },
  // Config files and global declarations may default-export / declare interfaces where tools require it.
  { files: ['*.config.{ts,js}', 'eslint.config.js'], rules: { 'no-restricted-syntax': 'off' } },
  { files: ['**/*.d.ts', 'src-renderer/bridge/**'], rules: { '@typescript-eslint/consistent-type-definitions': 'off' } },
);
