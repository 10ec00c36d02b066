// データ移行, Electron adapter: the folder of a legacy extract comes from the OS folder dialog, opened by main
// (never by the renderer), modal to the main window.
import { readFile } from 'node:fs/promises'
import { dialog, type BrowserWindow } from 'electron'
import type { MigrationExtractSource } from '../services/migration-service'

export function extractFolderSource(window: () => BrowserWindow | null): MigrationExtractSource {
  return {
    async chooseFolder() {
      const parent = window()
      const options = {
        title: '抽出データのフォルダ（manifest.json のあるフォルダ）',
        properties: ['openDirectory'] as 'openDirectory'[],
      }
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    readFile: async (path) => new Uint8Array(await readFile(path)),
  }
}
