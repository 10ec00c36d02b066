// control C-21, Electron adapter: the export's save location comes from the OS save dialog, opened by main
// (never by the renderer), modal to the main window.
import path from 'node:path'
import { app, dialog, type BrowserWindow } from 'electron'

export function saveDialogChooser(window: () => BrowserWindow | null) {
  return async (suggestedName: string): Promise<string | null> => {
    const parent = window()
    const options = {
      title: '持出ファイルの保存先',
      defaultPath: path.join(app.getPath('documents'), suggestedName),
      filters: [{ name: '暗号化ZIP', extensions: ['zip'] }],
      properties: ['showOverwriteConfirmation', 'createDirectory'] as (
        'showOverwriteConfirmation' | 'createDirectory'
      )[],
    }
    const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
    return result.canceled || !result.filePath ? null : result.filePath
  }
}
