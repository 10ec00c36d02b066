import { describe, expect, it } from 'vitest'
import {
  classifyLinuxPath,
  diskOf,
  mountFor,
  parseProcMounts,
  type LinuxVolumeFs,
} from '../../../../../electron/main/platform/volume-linux'
import { classifyWindowsPath } from '../../../../../electron/main/platform/volume-windows'

const PROC_MOUNTS = [
  '/dev/nvme0n1p2 / ext4 rw,relatime 0 0',
  'tmpfs /tmp tmpfs rw 0 0',
  '/dev/sdb1 /media/staff/USB\\040STICK vfat rw 0 0',
  '/dev/sdc1 /mnt/backup ext4 rw 0 0',
  '//fileserver/share /mnt/share cifs rw 0 0',
  'nas:/export /mnt/nfs nfs4 rw 0 0',
  '/dev/mmcblk0p1 /media/staff/SD exfat rw 0 0',
].join('\n')

function fakeFs(files: Record<string, string>, links: Record<string, string> = {}): LinuxVolumeFs {
  return {
    readFile: async (p) => {
      if (p in files) return files[p]!
      throw new Error(`ENOENT ${p}`)
    },
    realpath: async (p) => {
      if (p in links) return links[p]!
      if (p.includes('missing')) throw new Error('ENOENT')
      return p
    },
  }
}

const sys = {
  '/proc/mounts': PROC_MOUNTS,
  '/sys/block/nvme0n1/removable': '0\n',
  '/sys/block/sdb/removable': '1\n',
  '/sys/block/sdc/removable': '0\n',
  '/sys/block/mmcblk0/removable': '0\n',
}
const usbDisk = {
  '/sys/block/sdc': '/sys/devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0/block/sdc',
}

describe('Linux volume adapter (/proc/mounts, /sys/block/*/removable)', () => {
  it('parses /proc/mounts with escaped spaces and finds the longest mount point', () => {
    const mounts = parseProcMounts(PROC_MOUNTS)
    expect(mounts[2]).toEqual({ device: '/dev/sdb1', mountPoint: '/media/staff/USB STICK', fsType: 'vfat' })
    expect(mountFor('/media/staff/USB STICK/a.zip', mounts)?.device).toBe('/dev/sdb1')
    expect(mountFor('/home/staff/a.zip', mounts)?.device).toBe('/dev/nvme0n1p2')
    expect(mountFor('/tmpfoo/a.zip', mounts)?.mountPoint).toBe('/')
  })

  it('maps partitions to disks', () => {
    expect(diskOf('/dev/sdb1')).toBe('sdb')
    expect(diskOf('/dev/nvme0n1p2')).toBe('nvme0n1')
    expect(diskOf('/dev/mmcblk0p1')).toBe('mmcblk0')
  })

  it('classifies local, removable (flag, USB bus, SD card), network and unknown', async () => {
    const fs = fakeFs(sys, usbDisk)
    expect(await classifyLinuxPath('/home/staff/export.zip', fs)).toBe('local')
    expect(await classifyLinuxPath('/tmp/export.zip', fs)).toBe('local')
    expect(await classifyLinuxPath('/media/staff/USB STICK/export.zip', fs)).toBe('removable')
    expect(await classifyLinuxPath('/mnt/backup/export.zip', fs)).toBe('removable') // USB HDD: removable=0 but on a USB bus
    expect(await classifyLinuxPath('/media/staff/SD/export.zip', fs)).toBe('removable')
    expect(await classifyLinuxPath('/mnt/share/export.zip', fs)).toBe('network')
    expect(await classifyLinuxPath('/mnt/nfs/export.zip', fs)).toBe('network')
    expect(await classifyLinuxPath('relative/export.zip', fs)).toBe('unknown')
    expect(await classifyLinuxPath('/home/staff/x.zip', fakeFs({}))).toBe('unknown') // no /proc/mounts: fail closed
  })

  it('follows symlinks to the real mount (a link in $HOME to the USB stick is still removable)', async () => {
    const fs = fakeFs(sys, { '/home/staff/usb/export.zip': '/media/staff/USB STICK/export.zip' })
    expect(await classifyLinuxPath('/home/staff/usb/export.zip', fs)).toBe('removable')
  })
})

describe('Windows volume adapter (drive type)', () => {
  const types: Record<string, number> = { C: 3, E: 2, F: 4, G: 5, R: 6 }
  const query = async (letter: string) => {
    if (!(letter in types)) throw new Error('no such drive')
    return types[letter]!
  }
  it('classifies by GetDriveType and treats UNC as network', async () => {
    expect(await classifyWindowsPath('C:\\Users\\staff\\Documents\\a.zip', query)).toBe('local')
    expect(await classifyWindowsPath('c:/Users/staff/a.zip', query)).toBe('local')
    expect(await classifyWindowsPath('E:\\a.zip', query)).toBe('removable')
    expect(await classifyWindowsPath('G:\\a.zip', query)).toBe('removable')
    expect(await classifyWindowsPath('F:\\a.zip', query)).toBe('network')
    expect(await classifyWindowsPath('R:\\a.zip', query)).toBe('local')
    expect(await classifyWindowsPath('\\\\fileserver\\share\\a.zip', query)).toBe('network')
    expect(await classifyWindowsPath('\\\\?\\UNC\\fileserver\\share\\a.zip', query)).toBe('network')
    expect(await classifyWindowsPath('Z:\\a.zip', query)).toBe('unknown')
    expect(await classifyWindowsPath('a.zip', query)).toBe('unknown')
  })
})
