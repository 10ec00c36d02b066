import { createRequire } from 'node:module'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

/**
 * The Electron executable when it is installed, without calling require('electron') (which would try to
 * download it). docs/sources/electron-security.md §15.2.
 */
export function electronBinaryPath(): string | null {
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'))
    const pathTxt = path.join(dir, 'path.txt')
    if (!existsSync(pathTxt)) return null
    const exe = path.join(
      process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist'),
      readFileSync(pathTxt, 'utf8').trim(),
    )
    return existsSync(exe) ? exe : null
  } catch {
    return null
  }
}

/** The Chromium to open browser mode with, when one is installed. */
export function chromiumPath(): string | null {
  const candidates = [
    process.env.KAIGO_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ]
  return candidates.find((c): c is string => Boolean(c) && existsSync(c!)) ?? null
}
