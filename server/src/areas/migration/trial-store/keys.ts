/**
 * The trial store's own key (docs/sources/migration.md §4.4: per-dataset keys for migration stages, so that erasing
 * the 仮移行 copy is a key destruction). The key is 32 random bytes (AES-256) held OUTSIDE every database — a file of
 * its own in the key directory (mode 0600), never in a database backup — so that destroying it makes every sealed
 * copy of the extract unreadable, including those in old backups of the production database.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'

export interface TrialKeyVault {
  /** Creates a new key and answers its id. */
  create(): string
  /** The key, or null once destroyed. */
  get(keyId: string): Buffer | null
  /** Destroys the key (overwritten, then removed). Idempotent. */
  destroy(keyId: string): void
}

const KEY_ID = /^[0-9a-f-]{36}$/

/** Keys as files in their own directory (KAIGO_MIGRATION_KEY_DIR; excluded from database backups). */
export class FileKeyVault implements TrialKeyVault {
  constructor(private readonly dir: string) {}

  private path(keyId: string): string {
    if (!KEY_ID.test(keyId)) throw new Error('not a key id')
    return join(this.dir, `${keyId}.key`)
  }

  create(): string {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 })
    const keyId = randomUUID()
    const fd = openSync(this.path(keyId), 'wx', 0o600)
    try {
      writeSync(fd, randomBytes(32))
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    return keyId
  }

  get(keyId: string): Buffer | null {
    const file = this.path(keyId)
    return existsSync(file) ? readFileSync(file) : null
  }

  destroy(keyId: string): void {
    const file = this.path(keyId)
    if (!existsSync(file)) return
    // Overwrite before unlinking, so that the file system's free blocks do not keep the key (best effort on SSDs;
    // the key never reached a database or a backup in the first place).
    const fd = openSync(file, 'r+')
    try {
      writeSync(fd, Buffer.alloc(32), 0, 32, 0)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    rmSync(file)
  }
}

/** Keys in memory only (the embedded in-memory database of tests and the demo): gone with the process. */
export class MemoryKeyVault implements TrialKeyVault {
  private readonly keys = new Map<string, Buffer>()

  create(): string {
    const keyId = randomUUID()
    this.keys.set(keyId, randomBytes(32))
    return keyId
  }

  get(keyId: string): Buffer | null {
    return this.keys.get(keyId) ?? null
  }

  destroy(keyId: string): void {
    this.keys.get(keyId)?.fill(0)
    this.keys.delete(keyId)
  }
}
