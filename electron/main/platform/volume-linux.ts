// Change only with a security review.
// control C-21, OS adapter (Linux): the kind of volume that holds a path, from /proc/mounts (mount point, device,
// file system type) and /sys/block/<disk>/removable plus the disk's sysfs path (a USB bus in it means USB storage).
import { readFile, realpath } from 'node:fs/promises'
import { posix } from 'node:path'
import type { DestinationKind } from '../services/export/destination'

export interface LinuxVolumeFs {
  readFile(path: string): Promise<string>
  realpath(path: string): Promise<string>
}

const nodeFs: LinuxVolumeFs = { readFile: (p) => readFile(p, 'utf8'), realpath }

const NETWORK_FS = new Set([
  'nfs',
  'nfs4',
  'cifs',
  'smb3',
  'smbfs',
  '9p',
  'afs',
  'ceph',
  'glusterfs',
  'fuse.sshfs',
  'sshfs',
  'davfs',
  'fuse.rclone',
])
const LOCAL_VIRTUAL_FS = new Set(['tmpfs', 'overlay', 'ramfs'])

/** /proc/mounts escapes spaces and tabs as octal (\040). */
const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)))

export interface MountEntry {
  device: string
  mountPoint: string
  fsType: string
}

export function parseProcMounts(text: string): MountEntry[] {
  return text
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 3)
    .map(([device, mountPoint, fsType]) => ({
      device: unescape(device!),
      mountPoint: unescape(mountPoint!),
      fsType: fsType!,
    }))
}

/** The mount holding `path`: the longest mount point that is a prefix of it (the last one wins on ties). */
export function mountFor(path: string, mounts: readonly MountEntry[]): MountEntry | undefined {
  let best: MountEntry | undefined
  for (const m of mounts) {
    const mp = m.mountPoint === '/' ? '/' : m.mountPoint.replace(/\/+$/, '')
    const inside = mp === '/' || path === mp || path.startsWith(mp + '/')
    if (inside && (!best || mp.length >= best.mountPoint.replace(/\/+$/, '').length)) best = m
  }
  return best
}

/** /dev/sdb1 → sdb, /dev/nvme0n1p2 → nvme0n1, /dev/mmcblk0p1 → mmcblk0. */
export function diskOf(device: string): string | null {
  const name = posix.basename(device)
  const m = /^(nvme\d+n\d+|mmcblk\d+)(?:p\d+)?$/.exec(name) ?? /^([a-z]+)\d*$/.exec(name)
  return m?.[1] ?? null
}

export async function classifyLinuxPath(path: string, fs: LinuxVolumeFs = nodeFs): Promise<DestinationKind> {
  if (!path.startsWith('/')) return 'unknown'
  let resolved = path
  try {
    resolved = await fs.realpath(path)
  } catch {
    // the file does not exist yet: classify its directory
    try {
      resolved = posix.join(await fs.realpath(posix.dirname(path)), posix.basename(path))
    } catch {
      return 'unknown'
    }
  }
  let mounts: MountEntry[]
  try {
    mounts = parseProcMounts(await fs.readFile('/proc/mounts'))
  } catch {
    return 'unknown'
  }
  const mount = mountFor(resolved, mounts)
  if (!mount) return 'unknown'
  if (NETWORK_FS.has(mount.fsType) || mount.device.startsWith('//') || /^[^/]+:\//.test(mount.device)) return 'network'
  if (LOCAL_VIRTUAL_FS.has(mount.fsType)) return 'local'
  if (!mount.device.startsWith('/dev/')) return 'unknown'
  let device = mount.device
  try {
    device = await fs.realpath(device) // /dev/disk/by-uuid/… → /dev/sdb1
  } catch {
    // keep the name
  }
  const disk = diskOf(device)
  if (!disk) return 'unknown'
  try {
    const removable = (await fs.readFile(`/sys/block/${disk}/removable`)).trim()
    const sysPath = await fs.realpath(`/sys/block/${disk}`).catch(() => '')
    if (removable === '1' || /\/usb\d*\//.test(sysPath) || disk.startsWith('mmcblk')) return 'removable'
    return 'local'
  } catch {
    return 'unknown'
  }
}
