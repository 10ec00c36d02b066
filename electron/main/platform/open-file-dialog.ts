// Electron adapter: a file to import comes from the OS file dialog, opened by main (never by the renderer), modal to
// the main window; main reads it. One dialog, titled for each file it is asked for.
import { readFile } from 'node:fs/promises'
import { dialog, type BrowserWindow, type FileFilter } from 'electron'
import type { PensionFileKind, PensionFileSource } from '../services/pension-exchange-service'
import type { UpdateResultSource } from '../services/kokuhoren-service'

function chooseFile(window: () => BrowserWindow | null, title: string, filters?: FileFilter[]) {
  return async (): Promise<string | null> => {
    const parent = window()
    const options = { title, properties: ['openFile'] as 'openFile'[], ...(filters ? { filters } : {}) }
    const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
    return result.canceled ? null : (result.filePaths[0] ?? null)
  }
}

const readBytes = async (path: string) => new Uint8Array(await readFile(path))

const PENSION_TITLES: Record<PensionFileKind, string> = {
  targets: '特別徴収対象者情報ファイル（Z11）',
  results: '特別徴収結果ファイル（Z14）',
}

/** 年金特別徴収: the 対象者情報 or 結果 file. */
export function pensionFileDialogSource(window: () => BrowserWindow | null): PensionFileSource {
  return { chooseFile: (kind) => chooseFile(window, PENSION_TITLES[kind])(), readFile: readBytes }
}

/** 国保連連携: the 受給者情報更新結果情報 file (a CSV received from the 国保連). */
export function updateResultFileSource(window: () => BrowserWindow | null): UpdateResultSource {
  return {
    chooseFile: chooseFile(window, '受給者情報更新結果情報のファイル（国保連から受信したCSV）', [
      { name: 'CSV', extensions: ['csv', 'CSV'] },
      { name: 'すべてのファイル', extensions: ['*'] },
    ]),
    readFile: readBytes,
  }
}
