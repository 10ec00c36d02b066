// 国保連連携, Electron adapter: the 受給者情報更新結果情報 file comes from the OS file dialog, opened by main (never by
// the renderer), modal to the main window.
import { readFile } from 'node:fs/promises'
import { dialog, type BrowserWindow } from 'electron'
import type { UpdateResultSource } from '../services/kokuhoren-service'

export function updateResultFileSource(window: () => BrowserWindow | null): UpdateResultSource {
  return {
    async chooseFile() {
      const parent = window()
      const options = {
        title: '受給者情報更新結果情報のファイル（国保連から受信したCSV）',
        properties: ['openFile'] as 'openFile'[],
        filters: [
          { name: 'CSV', extensions: ['csv', 'CSV'] },
          { name: 'すべてのファイル', extensions: ['*'] },
        ],
      }
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    readFile: async (path) => new Uint8Array(await readFile(path)),
  }
}
