// ESLint flat config. Besides the usual rules it fences the layers (docs/architecture.md §Boundaries):
//   shared/   → nothing environment-specific (no Node built-ins, DOM-only code, Electron, other layers)
//   renderer/ → shared/ and browser libraries only
//   electron/ → shared/; value imports of 'electron' only in electron/main/platform/, the composition root
//               electron/main/index.ts and the preload; never renderer/ or server/
//   server/   → shared/; never electron/, renderer/ or 'electron'
import { builtinModules } from 'node:module'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

// Node built-ins are matched by exact name (`paths`), not as gitignore patterns: 'domain' as a pattern would
// also match shared/domain.
const nodeBuiltinPaths = (message) => [
  ...builtinModules.filter((m) => !m.startsWith('_')).map((name) => ({ name, message })),
]
const NODE_PREFIX = 'node:*'

const layer = (name) => [`**/${name}/**`, `../${name}`, `../../${name}`, `../../../${name}`, `../../../../${name}`]

const restrict = ({ paths = [], patterns = [] }) => ['error', { paths, patterns }]

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'release/',
      'coverage/',
      'var/',
      '.dev-pki/',
      '.tmp/',
      'server/drizzle/',
      'test-results/',
      'playwright-report/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'No default exports (docs/sources/style.md §10).' },
        {
          selector: "CallExpression[callee.object.name='describe'][callee.property.name='only']",
          message: 'No focused tests.',
        },
        {
          selector: "CallExpression[callee.object.name='it'][callee.property.name='only']",
          message: 'No focused tests.',
        },
        {
          selector: "CallExpression[callee.object.name='test'][callee.property.name='only']",
          message: 'No focused tests.',
        },
      ],
    },
  },
  // Config files and Playwright's global setup are the places a default export is required.
  {
    files: ['*.config.ts', '*.config.js', '*.config.mts', 'server/drizzle.config.ts', 'tests/e2e/global-setup.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict({
        paths: [
          { name: 'electron', message: 'shared/ is pure: no Electron.' },
          ...nodeBuiltinPaths('shared/ is pure: no Node built-ins.'),
        ],
        patterns: [
          { group: [NODE_PREFIX], message: 'shared/ is pure: no Node built-ins.' },
          {
            group: [...layer('electron'), ...layer('renderer'), ...layer('server')],
            message: 'shared/ imports nothing from other layers.',
          },
          {
            group: ['react', 'react-dom', '@mui/*', 'zustand', 'fastify', 'pg', 'drizzle-orm', 'better-sqlite3'],
            message: 'shared/ is pure: no UI, server or database libraries.',
          },
        ],
      }),
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': restrict({
        paths: [
          { name: 'electron', message: 'The renderer never imports Electron: use platform/bridge.ts.' },
          ...nodeBuiltinPaths('The renderer has no Node.'),
        ],
        patterns: [
          { group: [NODE_PREFIX], message: 'The renderer has no Node.' },
          { group: [...layer('electron'), ...layer('server')], message: 'The renderer imports only shared/.' },
        ],
      }),
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'print', message: 'Printing goes through the main process print service.' },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/src/platform/bridge.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'api', message: 'Only renderer/src/platform/bridge.ts touches window.api.' },
        { object: 'window', property: 'print', message: 'Printing goes through the main process print service.' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'The renderer never talks to the network (platform/bridge.ts only).' },
        'localStorage',
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict({
        paths: [
          {
            name: 'electron',
            allowTypeImports: true,
            message:
              "Value imports of 'electron' only in electron/main/platform/, electron/main/index.ts and the preload: inject Electron APIs.",
          },
        ],
        patterns: [{ group: [...layer('renderer'), ...layer('server')], message: 'electron/ imports only shared/.' }],
      }),
    },
  },
  {
    files: ['electron/main/platform/**/*.ts', 'electron/main/index.ts', 'electron/preload/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict({
        patterns: [{ group: [...layer('renderer'), ...layer('server')], message: 'electron/ imports only shared/.' }],
      }),
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/platform/electron-ipc.ts', 'electron/preload/index.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'No default exports (docs/sources/style.md §10).' },
        {
          selector: "MemberExpression[object.name='ipcMain']",
          message: 'Use the typed IPC router (electron/main/ipc/router.ts).',
        },
        { selector: "MemberExpression[object.name='ipcRenderer']", message: 'Only the preload builds window.api.' },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict({
        paths: [{ name: 'electron', message: 'The server never imports Electron.' }],
        patterns: [{ group: [...layer('electron'), ...layer('renderer')], message: 'server/ imports only shared/.' }],
      }),
    },
  },
)
