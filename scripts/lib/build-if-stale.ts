import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

/** Runs `electron-vite build` when out/ is missing or older than the client sources. */
export function buildClientIfStale(repoRoot: string, log: (line: string) => void = console.log): void {
  const marker = join(repoRoot, 'out/renderer/index.html')
  const sources = ['renderer', 'shared', 'electron'].map((d) => join(repoRoot, d))
  const built = existsSync(marker) ? statSync(marker).mtimeMs : 0
  if (built > Math.max(...sources.map(newestMtime))) return
  log('クライアントをビルドしています…')
  const result = spawnSync('npx', ['electron-vite', 'build'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  })
  if (result.status !== 0) throw new Error('クライアントのビルドに失敗しました')
}
