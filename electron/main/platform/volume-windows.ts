// Change only with a security review.
// control C-21, OS adapter (Windows): the kind of volume that holds a path, from the drive type of its drive
// letter (Win32_LogicalDisk.DriveType = GetDriveType: 2 removable, 3 fixed, 4 network, 5 optical, 6 RAM disk).
// UNC paths (\\server\share, \\?\UNC\…) are network paths without asking.
import { execFile } from 'node:child_process'
import type { DestinationKind } from '../services/export/destination'

export type DriveTypeQuery = (driveLetter: string) => Promise<number>

/** Asks PowerShell for Win32_LogicalDisk.DriveType; the letter is validated before it reaches the command. */
export const powershellDriveType: DriveTypeQuery = (letter) =>
  new Promise((resolve, reject) => {
    if (!/^[A-Z]$/.test(letter)) {
      reject(new Error('bad drive letter'))
      return
    }
    execFile(
      'powershell.exe',
      [
        '-NoProfile',
        '-NonInteractive',
        '-Command',
        `(Get-CimInstance Win32_LogicalDisk -Filter "DeviceID='${letter}:'").DriveType`,
      ],
      { timeout: 10_000, windowsHide: true },
      (error, stdout) => (error ? reject(error) : resolve(Number(String(stdout).trim()))),
    )
  })

export async function classifyWindowsPath(
  path: string,
  driveType: DriveTypeQuery = powershellDriveType,
): Promise<DestinationKind> {
  const p = path.replace(/\//g, '\\')
  if (/^\\\\\?\\UNC\\/i.test(p) || /^\\\\[^\\?.]/.test(p)) return 'network'
  const m = /^(?:\\\\\?\\)?([A-Za-z]):\\/.exec(p)
  if (!m) return 'unknown'
  let type: number
  try {
    type = await driveType(m[1]!.toUpperCase())
  } catch {
    return 'unknown'
  }
  if (type === 3 || type === 6) return 'local'
  if (type === 2 || type === 5) return 'removable'
  if (type === 4) return 'network'
  return 'unknown'
}
