// control C-21: the export file is a ZIP with WinZip AES-256 encryption (@zip.js/zip.js, encryptionStrength 3),
// which Windows' bundled tools cannot open without the password and 7-Zip / Explorer-compatible tools can with it.
import { configure, TextReader, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js'

configure({ useWebWorkers: false })

/** A ZIP entry: text (written as UTF-8) or bytes written unchanged (a file another area handed over). */
export type ZipEntry = { name: string; text: string } | { name: string; bytes: Uint8Array }

export async function buildEncryptedZip(entries: readonly ZipEntry[], password: string): Promise<Uint8Array> {
  if (password.length < 12) throw new Error('export password too short')
  const writer = new ZipWriter(new Uint8ArrayWriter(), { password, encryptionStrength: 3, zipCrypto: false })
  for (const entry of entries)
    await writer.add(entry.name, 'bytes' in entry ? new Uint8ArrayReader(entry.bytes) : new TextReader(entry.text))
  return writer.close()
}
