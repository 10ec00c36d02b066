import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MIGRATION_CHUNK_BYTES } from '../../../../../shared/api/migration'
import { BackendError } from '../../../../../electron/main/backend/backend-client'
import { MigrationService, type MigrationExtractSource } from '../../../../../electron/main/services/migration-service'

const TOKEN = 't'.repeat(40)
const auth = { authenticated: <T>(fn: (token: string) => Promise<T>) => fn(TOKEN) }
const FOLDER = '/extracts/ward-2026'

// A file of two chunks and a file of one (sizes chosen around MIGRATION_CHUNK_BYTES, bytes are dummy).
const atena = new Uint8Array(MIGRATION_CHUNK_BYTES + 10).fill(0x41)
const shotoku = new Uint8Array(7).fill(0x42)
const manifest = {
  format: 'kaigo-desk.legacy-extract/1',
  edition: { id: 'kaigo-4.0-working', dataList: '4.0', standard: '4.0', infrastructureIf: '4.0' },
  sender: '旧システム（ダミー）',
  extractedAt: '2026-11-30T09:00:00+09:00',
  period: { from: '2000-04-01', to: '2026-11-30' },
  kind: 'full',
  files: [
    { group: 'atena', fileName: 'atena.csv', rows: 1, bytes: atena.length, sha256: 'a'.repeat(64) },
    { group: 'income', fileName: 'shotoku.csv', rows: 1, bytes: shotoku.length, sha256: 'b'.repeat(64) },
  ],
}

function fakes(folder: string | null = FOLDER, files: Record<string, Uint8Array | string> = {}) {
  const calls: { route: string; req: Record<string, unknown>; token: string }[] = []
  const contents: Record<string, Uint8Array | string> = {
    [join(FOLDER, 'manifest.json')]: JSON.stringify(manifest),
    [join(FOLDER, 'atena.csv')]: atena,
    [join(FOLDER, 'shotoku.csv')]: shotoku,
    ...files,
  }
  const source: MigrationExtractSource = {
    chooseFolder: async () => folder,
    readFile: async (path) => {
      const c = contents[path]
      if (c === undefined) throw new Error(`ENOENT ${path}`)
      return typeof c === 'string' ? new TextEncoder().encode(c) : c
    },
  }
  const backend = {
    call: async (route: string, req: unknown, token?: string) => {
      calls.push({ route, req: req as Record<string, unknown>, token: token ?? '' })
      return { id: 5, status: route === 'migration.finishExtract' ? 'validated' : 'receiving' } as never
    },
  }
  return { calls, service: new MigrationService(backend as never, auth, source) }
}

describe('MigrationService (データ移行: the extract read and sent by main)', () => {
  it('reads the folder chosen in the dialog, begins with the manifest text and sends every file in chunks', async () => {
    const { calls, service } = fakes()
    const opened = await service.openExtract()
    expect(opened).toMatchObject({ folderName: 'ward-2026', sentBytes: 0, totalBytes: atena.length + 7 })
    expect(opened.complete).toBe(false)
    expect(calls[0]).toMatchObject({ route: 'migration.beginExtract', token: TOKEN })
    expect(JSON.parse(calls[0]!.req.manifest as string)).toEqual(manifest)

    const progress = []
    for (let i = 0; i < 3; i++) progress.push(await service.sendNextChunk(5))
    expect(progress.map((p) => p.sentBytes)).toEqual([MIGRATION_CHUNK_BYTES, atena.length, atena.length + 7])
    expect(progress.map((p) => p.complete)).toEqual([false, false, true])
    const chunks = calls.filter((c) => c.route === 'migration.uploadChunk').map((c) => c.req)
    expect(chunks.map((c) => [c.fileName, c.index])).toEqual([
      ['atena.csv', 0],
      ['atena.csv', 1],
      ['shotoku.csv', 0],
    ])
    expect(Buffer.from(chunks[1]!.contentBase64 as string, 'base64')).toHaveLength(10)
    expect(new Set(chunks.map((c) => c.idempotencyKey)).size).toBe(3)

    expect(await service.finishExtract(5)).toMatchObject({ status: 'validated' })
    expect(calls.at(-1)).toMatchObject({ route: 'migration.finishExtract', req: { extractId: 5 } })
    // The bytes are forgotten once finished.
    await expect(service.sendNextChunk(5)).rejects.toBeInstanceOf(BackendError)
  })

  it('refuses to finish before every chunk is sent', async () => {
    const { service } = fakes()
    await service.openExtract()
    await service.sendNextChunk(5)
    await expect(service.finishExtract(5)).rejects.toThrow('まだ送信していないファイルがあります')
  })

  it('begins nothing when the dialog is cancelled, the manifest is missing or a listed file cannot be read', async () => {
    const cancelled = fakes(null)
    await expect(cancelled.service.openExtract()).rejects.toThrow('フォルダが選択されなかったため中止しました')
    const noManifest = fakes('/elsewhere')
    await expect(noManifest.service.openExtract()).rejects.toThrow('manifest.json が読めません')
    const broken = fakes(FOLDER, { [join(FOLDER, 'manifest.json')]: '{"format":1}' })
    await expect(broken.service.openExtract()).rejects.toThrow('manifest.json の形式が正しくありません')
    const noFile = fakes(FOLDER, {
      [join(FOLDER, 'manifest.json')]: JSON.stringify({
        ...manifest,
        files: [{ ...manifest.files[0]!, fileName: 'nai.csv' }],
      }),
    })
    await expect(noFile.service.openExtract()).rejects.toThrow('nai.csv が読めません')
    for (const f of [cancelled, noManifest, broken, noFile]) expect(f.calls).toEqual([])
  })

  it('forgets the extracts being sent on clear (logout)', async () => {
    const { service } = fakes()
    await service.openExtract()
    service.clear()
    await expect(service.sendNextChunk(5)).rejects.toThrow('読み込み直してください')
  })
})
