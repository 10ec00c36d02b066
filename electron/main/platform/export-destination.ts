// control C-21, OS adapters for the export destination: the save dialog (Electron) and the volume check per OS.
import { writeFile } from 'node:fs/promises'
import type { DestinationClassifier } from '../services/export/destination'
import { classifyLinuxPath } from './volume-linux'
import { classifyWindowsPath } from './volume-windows'

/** The volume classifier for this OS; other systems are 'unknown' and therefore refused (fail closed). */
export function destinationClassifierFor(platform: NodeJS.Platform): DestinationClassifier {
  if (platform === 'win32') return (p) => classifyWindowsPath(p)
  if (platform === 'linux') return (p) => classifyLinuxPath(p)
  return async () => 'unknown'
}

/** A new file only (never overwrites an existing one), readable by the user only. */
export const writeNewFile = (path: string, data: Uint8Array) => writeFile(path, data, { flag: 'wx', mode: 0o600 })
