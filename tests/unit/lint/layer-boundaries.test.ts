import { resolve } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../../..')
const eslint = new ESLint({ cwd: root })

async function boundaryViolations(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) })
  return (result?.messages ?? [])
    .filter(
      (m) =>
        m.ruleId === '@typescript-eslint/no-restricted-imports' ||
        m.ruleId === 'no-restricted-syntax' ||
        m.ruleId === 'no-restricted-globals',
    )
    .map((m) => m.message)
}

// docs/architecture.md §Boundaries: shared → nothing; renderer → shared; electron → shared; server → shared.
describe('layer boundaries are enforced by lint', () => {
  const refused: [string, string, string][] = [
    [
      'shared imports a Node built-in',
      'shared/domain/probe.ts',
      "import { readFileSync } from 'node:fs'\nexport const x = readFileSync",
    ],
    [
      'shared imports fs without the node: prefix',
      'shared/domain/probe.ts',
      "import fs from 'fs'\nexport const x = fs",
    ],
    [
      'shared imports the domain built-in (not shared/domain)',
      'shared/text/probe.ts',
      "import domain from 'domain'\nexport const x = domain",
    ],
    ['shared imports Electron', 'shared/ipc/probe.ts', "import { app } from 'electron'\nexport const x = app"],
    [
      'shared imports the server',
      'shared/api/probe.ts',
      "import { users } from '../../server/src/core/db/schema'\nexport const x = users",
    ],
    [
      'shared imports the renderer',
      'shared/api/probe.ts',
      "import { App } from '../../renderer/src/app/App'\nexport const x = App",
    ],
    ['shared uses window', 'shared/text/probe.ts', 'export const x = window.location'],
    [
      'renderer imports Electron',
      'renderer/src/probe.ts',
      "import { ipcRenderer } from 'electron'\nexport const x = ipcRenderer",
    ],
    [
      'renderer imports a Node built-in',
      'renderer/src/probe.ts',
      "import { readFile } from 'node:fs/promises'\nexport const x = readFile",
    ],
    [
      'renderer imports main-process code',
      'renderer/src/features/probe.ts',
      "import { AuthService } from '../../../electron/main/services/auth-service'\nexport const x = AuthService",
    ],
    [
      'renderer imports the server',
      'renderer/src/probe.ts',
      "import { users } from '../../server/src/core/db/schema'\nexport const x = users",
    ],
    [
      'renderer calls fetch itself',
      'renderer/src/features/probe.ts',
      "export const x = () => fetch('https://example.com')",
    ],
    [
      'electron service value-imports electron',
      'electron/main/services/probe.ts',
      "import { app } from 'electron'\nexport const x = app",
    ],
    [
      'electron imports the server',
      'electron/main/services/probe.ts',
      "import { users } from '../../../server/src/core/db/schema'\nexport const x = users",
    ],
    [
      'electron imports the renderer',
      'electron/main/probe.ts',
      "import { App } from '../../renderer/src/app/App'\nexport const x = App",
    ],
    [
      'electron uses ipcMain outside the adapter',
      'electron/main/services/probe.ts',
      "import type { IpcMain } from 'electron'\nexport const f = (ipcMain: IpcMain) => ipcMain.handle('x', () => 1)",
    ],
    ['server imports Electron', 'server/src/probe.ts', "import { app } from 'electron'\nexport const x = app"],
    [
      'server imports main-process code',
      'server/src/probe.ts',
      "import { AuthService } from '../../electron/main/services/auth-service'\nexport const x = AuthService",
    ],
    ['a default export', 'shared/text/probe.ts', 'export default 1'],
  ]
  it.each(refused)('refuses: %s', async (_name, file, code) => {
    expect(await boundaryViolations(file, code)).not.toEqual([])
  })

  const allowed: [string, string, string][] = [
    ['shared imports zod', 'shared/api/probe.ts', "import { z } from 'zod'\nexport const x = z"],
    [
      'renderer imports shared',
      'renderer/src/probe.ts',
      "import { normalizeKana } from '../../shared/text/kana'\nexport const x = normalizeKana",
    ],
    [
      'electron service type-imports electron',
      'electron/main/services/probe.ts',
      "import type { App } from 'electron'\nexport type X = App",
    ],
    [
      'electron platform adapter value-imports electron',
      'electron/main/platform/probe.ts',
      "import { app } from 'electron'\nexport const x = app",
    ],
    [
      'the composition root value-imports electron',
      'electron/main/index.ts',
      "import { app } from 'electron'\nexport const x = app",
    ],
    [
      'server imports shared',
      'server/src/probe.ts',
      "import { apiRoutes } from '../../shared/api/routes'\nexport const x = apiRoutes",
    ],
    [
      'server uses Node built-ins',
      'server/src/probe.ts',
      "import { readFileSync } from 'node:fs'\nexport const x = readFileSync",
    ],
  ]
  it.each(allowed)('allows: %s', async (_name, file, code) => {
    expect(await boundaryViolations(file, code)).toEqual([])
  })
})
