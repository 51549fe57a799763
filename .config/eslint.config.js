// Lint config. Lives in .config/ to keep the top level to the files the design card names;
// `npm run lint` passes it with -c, so file patterns below are relative to the repo root.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Contexts are folders; these rules keep the arrows one way (STYLE.md, principles 1 and 2). */
const extensionApis = [
  { name: 'webextension-polyfill', message: 'src/core is pure: pass numbers in, get numbers out.' },
  { name: 'preact', message: 'src/core is pure: no UI.' },
  { name: 'preact/hooks', message: 'src/core is pure: no UI.' },
  { name: 'zustand', message: 'src/core is pure: no stores.' },
  { name: '@mediapipe/tasks-vision', message: 'src/core takes landmarks as numbers, not the model.' },
];
const contexts = ['probe', 'bridge', 'coach', 'background', 'ui', 'demo', 'build', 'tools'];
const notInto = (...names) =>
  names.map((n) => ({ group: [`**/${n}/**`, `../${n}/*`, `../../${n}/*`], message: `Do not import the ${n} context from here.` }));

export default tseslint.config(
  { ignores: ['dist/**', 'dist-firefox/**', 'node_modules/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }],
      // tsc (strict, checkJs) already finds undefined names, knowing each file's environment.
      'no-undef': 'off',
    },
  },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: extensionApis, patterns: notInto(...contexts, 'shared') }],
      'no-restricted-globals': ['error', 'window', 'document', 'chrome', 'browser', 'navigator', 'self', 'fetch', 'performance'],
    },
  },
  {
    files: ['src/shared/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: notInto(...contexts) }] },
  },
  {
    // The probe runs in the page's own world: no extension APIs, nothing but core and shared.
    files: ['src/probe/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'webextension-polyfill', message: 'The MAIN world has no extension APIs.' }],
          patterns: notInto('bridge', 'coach', 'background', 'ui', 'demo', 'build', 'tools'),
        },
      ],
      'no-restricted-globals': ['error', 'chrome', 'browser'],
    },
  },
  {
    files: ['src/bridge/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: notInto('probe', 'coach', 'background', 'ui', 'demo', 'build', 'tools') }] },
  },
  {
    files: ['src/coach/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: notInto('probe', 'bridge', 'background', 'ui', 'demo', 'build', 'tools') }] },
  },
  {
    files: ['src/background/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: notInto('probe', 'bridge', 'coach', 'ui', 'demo', 'build', 'tools') }] },
  },
  {
    files: ['src/ui/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: notInto('probe', 'bridge', 'coach', 'background', 'demo', 'build', 'tools') }],
    },
  },
  {
    // The setup check runs the call's own code path on the extension's own camera: the coach's face
    // worker (and its protocol) fed by the bridge's frame pump.
    files: ['src/ui/setup/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: notInto('probe', 'background', 'demo', 'build', 'tools') }] },
  },
  {
    files: ['src/demo/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/*'], message: 'The demo call page is a stand-in for a third-party site: it imports nothing of ours.' }],
        },
      ],
    },
  },
  { files: ['src/tools/**', 'src/build/**', 'tests/**', 'vite.config.ts'], rules: { 'no-console': 'off' } },
);
