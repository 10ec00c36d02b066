// 年金特別徴収, Electron adapter: the 対象者情報 or 結果 file comes from the OS file dialog, opened by main (never by
// the renderer), modal to the main window.
import { readFile } from 'node:fs/promises'
import { dialog, type BrowserWindow } from 'electron'
import type { PensionFileKind, PensionFileSource } from '../services/pension-exchange-service'

const TITLES: Record<PensionFileKind, string> = {
  targets: '特別徴収対象者情報ファイル（Z11）',
  results: '特別徴収結果ファイル（Z14）',
}

export function pensionFileDialogSource(window: () => BrowserWindow | null): PensionFileSource {
  return {
    async chooseFile(kind) {
      const parent = window()
      const options = { title: TITLES[kind], properties: ['openFile'] as 'openFile'[] }
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    readFile: async (path) => new Uint8Array(await readFile(path)),
  }
}
