/**
 * A POSIX ustar archive of plain files (one folder's worth: manifest.json and the group CSVs), so that the data list
 * travels through the 持出 approval as ONE handed file and unpacks, with any tar tool, into exactly the folder the
 * intake reads. No compression (the client encrypts the file it writes: AES-256 zip, controls C-21/C-22).
 */
const BLOCK = 512

function header(name: string, size: number, mtime: number): Buffer {
  const h = Buffer.alloc(BLOCK)
  const put = (text: string, offset: number, length: number) => h.write(text, offset, length, 'ascii')
  if (Buffer.byteLength(name) > 100 || !/^[\x20-\x7e]+$/.test(name)) throw new RangeError(`tar: file name ${name}`)
  put(name, 0, 100)
  const field = (n: number, offset: number, length: number) =>
    put(n.toString(8).padStart(length - 1, '0') + '\0', offset, length)
  field(0o644, 100, 8)
  field(0, 108, 8)
  field(0, 116, 8)
  field(size, 124, 12)
  field(mtime, 136, 12)
  put('        ', 148, 8)
  put('0', 156, 1)
  put('ustar\u000000', 257, 8)
  let sum = 0
  for (const byte of h) sum += byte
  put(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8)
  return h
}

/** The archive: each file's header and its bytes padded to 512, then two zero blocks. */
export function tarOf(files: readonly { name: string; bytes: Uint8Array }[], mtime: Date): Buffer {
  const seconds = Math.floor(mtime.getTime() / 1000)
  const parts: Buffer[] = []
  for (const f of files) {
    parts.push(header(f.name, f.bytes.length, seconds), Buffer.from(f.bytes))
    const pad = (BLOCK - (f.bytes.length % BLOCK)) % BLOCK
    if (pad) parts.push(Buffer.alloc(pad))
  }
  parts.push(Buffer.alloc(BLOCK * 2))
  return Buffer.concat(parts)
}

/** The files of an archive written by tarOf (tests, and a receiver without a tar tool). */
export function untar(archive: Uint8Array): Map<string, Buffer> {
  const buf = Buffer.from(archive)
  const out = new Map<string, Buffer>()
  for (let at = 0; at + BLOCK <= buf.length;) {
    const h = buf.subarray(at, at + BLOCK)
    if (h.every((b) => b === 0)) break
    const name = h.subarray(0, 100).toString('ascii').replace(/\0.*$/s, '')
    const size = parseInt(h.subarray(124, 136).toString('ascii').replace(/\0.*$/s, ''), 8)
    out.set(name, buf.subarray(at + BLOCK, at + BLOCK + size))
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK
  }
  return out
}
