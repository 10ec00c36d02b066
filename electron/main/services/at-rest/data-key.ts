// Change only with a security review.
/**
 * Local state at rest (control C-07, docs/sources/electron-security.md §8): everything main writes to the terminal's
 * disk — the master cache, the security log — is sealed with one data key (AES-256-GCM, node:crypto). The data key
 * itself is stored only wrapped by the OS key store (Electron's `safeStorage`: DPAPI, Keychain, libsecret/kwallet),
 * so a copied disk, or the profile copied to another account or machine, yields nothing readable.
 *
 * Without a usable OS key store (Linux without a keyring, or the plaintext `basic_text` backend) there is no data
 * key: the callers keep their state in memory only and the event goes to the security log (ward's decision: no
 * plaintext on disk, ever).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SecurityAuditSink } from '../../security/audit'

/** The OS key store as the services see it (platform/safe-storage.ts adapts Electron's safeStorage). */
export interface SecretStore {
  /** Whether secrets wrapped now are protected by the OS; the reason when they would not be. */
  availability(): Promise<{ available: true } | { available: false; reason: string }>
  wrap(secret: string): Promise<Buffer>
  /** Throws when the bytes were not wrapped by this store (another account, machine or OS profile). */
  unwrap(wrapped: Buffer): Promise<string>
}

/** File (in the user-profile directory) holding the wrapped data key and its id. */
export const DATA_KEY_FILE = 'data-key.json'

const MAGIC = Buffer.from('KDS1', 'ascii')
const ID_BYTES = 16
const IV_BYTES = 12
const TAG_BYTES = 16
const HEADER_BYTES = MAGIC.length + ID_BYTES + IV_BYTES + TAG_BYTES

/** Sealed bytes that do not open: `otherKey` (sealed under another data key) or `tampered` (same key, bad tag). */
export class SealedDataError extends Error {
  constructor(readonly reason: 'otherKey' | 'tampered' | 'notSealed') {
    super(`sealed data: ${reason}`)
    this.name = 'SealedDataError'
  }
}

/**
 * A 256-bit AES-GCM key with a random, non-secret id (written into every sealed blob, so that data of another key is
 * told apart from tampered data). `purpose` is bound as associated data: a sealed cache does not open as a log line.
 */
export class DataKey {
  private constructor(
    readonly id: Buffer,
    private readonly key: Buffer,
  ) {}

  static generate(): DataKey {
    return new DataKey(randomBytes(ID_BYTES), randomBytes(32))
  }

  /** Tests and the data-key file: a key from its raw bytes. */
  static fromBytes(id: Buffer, key: Buffer): DataKey {
    if (id.length !== ID_BYTES || key.length !== 32) throw new Error('data key: 16-byte id and 32-byte key expected')
    return new DataKey(Buffer.from(id), Buffer.from(key))
  }

  /** The raw key as base64 — only to be wrapped by the secret store. */
  exportForWrapping(): string {
    return this.key.toString('base64')
  }

  seal(plain: Buffer | string, purpose: string): Buffer {
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    cipher.setAAD(Buffer.concat([MAGIC, this.id, Buffer.from(purpose, 'utf8')]))
    const body = Buffer.concat([
      cipher.update(typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain),
      cipher.final(),
    ])
    return Buffer.concat([MAGIC, this.id, iv, cipher.getAuthTag(), body])
  }

  open(sealed: Buffer, purpose: string): Buffer {
    if (sealed.length < HEADER_BYTES || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw new SealedDataError('notSealed')
    }
    const id = sealed.subarray(MAGIC.length, MAGIC.length + ID_BYTES)
    if (!id.equals(this.id)) throw new SealedDataError('otherKey')
    const ivAt = MAGIC.length + ID_BYTES
    const iv = sealed.subarray(ivAt, ivAt + IV_BYTES)
    const tag = sealed.subarray(ivAt + IV_BYTES, HEADER_BYTES)
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv)
    decipher.setAAD(Buffer.concat([MAGIC, this.id, Buffer.from(purpose, 'utf8')]))
    decipher.setAuthTag(tag)
    try {
      return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()])
    } catch {
      throw new SealedDataError('tampered')
    }
  }
}

interface KeyFile {
  v: 1
  id: string
  wrapped: string
}

export interface LoadDataKeyOptions {
  /** The user-profile directory (the key file is written there, 0600). */
  dir: string
  store: SecretStore
  /** The event when there is no key, or when the stored one could not be unwrapped, goes here (C-01 log). */
  audit?: SecurityAuditSink
}

/**
 * The terminal's data key: the stored one unwrapped, or a new one (wrapped and stored) when there is none or the
 * stored one does not unwrap (profile copied from another account or machine, OS key store reset) — whatever was
 * sealed under the old key then no longer opens and is rebuilt (the master cache from the server). Null when the OS
 * key store is unavailable: nothing may be written to disk then.
 */
export async function loadDataKey(options: LoadDataKeyOptions): Promise<DataKey | null> {
  const availability = await options.store.availability()
  if (!availability.available) {
    options.audit?.record({ kind: 'storage-unprotected', reason: availability.reason, effect: 'memory-only' })
    return null
  }
  const file = join(options.dir, DATA_KEY_FILE)
  let stored: KeyFile | null = null
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as KeyFile
  } catch {
    stored = null
  }
  if (stored !== null) {
    try {
      const raw = Buffer.from(await options.store.unwrap(Buffer.from(stored.wrapped, 'base64')), 'base64')
      return DataKey.fromBytes(Buffer.from(stored.id, 'hex'), raw)
    } catch {
      options.audit?.record({ kind: 'storage-unprotected', reason: 'data key does not unwrap', effect: 'new-key' })
    }
  }
  const key = DataKey.generate()
  const wrapped = await options.store.wrap(key.exportForWrapping())
  const content: KeyFile = { v: 1, id: key.id.toString('hex'), wrapped: wrapped.toString('base64') }
  writeFileAtomic(file, JSON.stringify(content))
  return key
}

/** Writes through a temporary file and a rename (0600, directory 0700): a reader sees the old or the new file. */
export function writeFileAtomic(file: string, data: Buffer | string): void {
  const dir = join(file, '..')
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const tmp = `${file}.${process.pid}.tmp`
  try {
    writeFileSync(tmp, data, { mode: 0o600, flush: true })
    renameSync(tmp, file)
  } catch (error) {
    rmSync(tmp, { force: true })
    throw error
  }
}

/**
 * Browser mode (検証モード, plain Node without Electron): a wrapping key that lives only in this process's memory. The
 * data key of an earlier run never unwraps, so each start seals under a new key and rebuilds the master cache from
 * the server — nothing written by a browser-mode run can be read after it.
 */
export function processMemorySecretStore(): SecretStore {
  const wrapping = DataKey.generate()
  return {
    availability: async () => ({ available: true }),
    wrap: async (secret) => wrapping.seal(secret, 'data-key'),
    unwrap: async (wrapped) => wrapping.open(wrapped, 'data-key').toString('utf8'),
  }
}
