import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { ExportData } from '../../../../../../shared/api/export'
import { BackendError, type BackendClient } from '../../../../../../electron/main/backend/backend-client'
import { checkDestination, type DestinationKind } from '../../../../../../electron/main/services/export/destination'
import { buildEncryptedZip } from '../../../../../../electron/main/services/export/encrypted-zip'
import {
  EXPORT_PASSWORD_LENGTH,
  generateExportPassword,
} from '../../../../../../electron/main/services/export/export-password'
import {
  csvDataLines,
  ExportService,
  personBasicCsv,
} from '../../../../../../electron/main/services/export/export-service'

const data: ExportData = {
  requestId: 7,
  recordTypes: ['personBasic'],
  persons: [
    {
      insuredNumber: '0000012345',
      name: '山田 太郎',
      nameKana: 'ヤマダ タロウ',
      birthDate: '1950-04-01',
      sex: 'male',
      address: '東京都新宿区西新宿2-8-1',
    },
    {
      insuredNumber: null,
      name: '佐藤 "花子"',
      nameKana: 'サトウ ハナコ',
      birthDate: '1948-12-31',
      sex: 'female',
      address: null,
    },
  ],
}

/** An EUC extract's CSV as the statistics area hands it over (UTF-8 with BOM, CRLF), grouped with a suppressed cell. */
const extractCsv = '\uFEFF"性別","人数"\r\n"女","*"\r\n"男","12"\r\n'
const extractBytes = Buffer.from(extractCsv, 'utf8')
const handed: ExportData = {
  requestId: 7,
  recordTypes: ['statisticsExtract'],
  persons: [],
  file: {
    fileName: 'EUC抽出_性別集計_2026-11-30_3.csv',
    mediaType: 'text/csv',
    contentBase64: extractBytes.toString('base64'),
    sha256: createHash('sha256').update(extractBytes).digest('hex'),
  },
}

/** A fake backend that behaves like the server's export routes for one request. */
function fakeBackend(status: 'pending' | 'approved', answer: ExportData = data) {
  const calls: { name: string; input: Record<string, unknown> }[] = []
  const call = vi.fn(async (name: string, input: Record<string, unknown>) => {
    calls.push({ name, input })
    if (name === 'export.data') {
      if (status !== 'approved') throw new BackendError('forbidden', '監督者の承認がないため持ち出せません', 403)
      return answer
    }
    if (name === 'export.complete') return { id: 1, ...input }
    throw new Error(`unexpected ${name}`)
  })
  return { backend: { call } as unknown as BackendClient, calls }
}

const auth = { authenticated: <T>(fn: (token: string) => Promise<T>) => fn('t'.repeat(40)) }

function service(
  status: 'pending' | 'approved',
  kind: DestinationKind,
  policy = { exportAllowed: true, allowRemovableExport: false, allowNetworkExport: false },
  answer: ExportData = data,
) {
  const dir = mkdtempSync(join(tmpdir(), 'kaigo-export-'))
  const { backend, calls } = fakeBackend(status, answer)
  const writeFile = vi.fn(async (path: string, bytes: Uint8Array) => writeFileSync(path, bytes, { flag: 'wx' }))
  const onRefused = vi.fn()
  const svc = new ExportService(backend, auth, {
    policy,
    chooseDestination: async (name) => join(dir, name),
    classify: async () => kind,
    writeFile,
    now: () => new Date('2026-11-26T01:00:00Z'),
    onRefused,
  })
  return { svc, calls, writeFile, onRefused, dir }
}

describe('the export password (C-21)', () => {
  it('is ASCII, 20 characters, every class, without look-alikes', () => {
    for (let i = 0; i < 200; i++) {
      const pw = generateExportPassword()
      expect(pw).toHaveLength(EXPORT_PASSWORD_LENGTH)
      expect(pw).toMatch(/^[\x21-\x7e]+$/)
      expect(pw).not.toMatch(/[0O1lI]/)
      expect(pw).toMatch(/[A-Z]/)
      expect(pw).toMatch(/[a-z]/)
      expect(pw).toMatch(/[2-9]/)
    }
    expect(new Set(Array.from({ length: 50 }, () => generateExportPassword())).size).toBe(50)
  })
})

describe('the destination check (C-21)', () => {
  const allowAll = { exportAllowed: true, allowRemovableExport: true, allowNetworkExport: true }
  const strict = { exportAllowed: true, allowRemovableExport: false, allowNetworkExport: false }
  it('refuses removable and network unless the policy allows, and anything unknown', () => {
    expect(checkDestination('local', strict).ok).toBe(true)
    expect(checkDestination('removable', strict)).toMatchObject({ ok: false, message: expect.stringContaining('USB') })
    expect(checkDestination('network', strict)).toMatchObject({ ok: false })
    expect(checkDestination('unknown', allowAll)).toMatchObject({ ok: false })
    expect(checkDestination('removable', allowAll).ok).toBe(true)
    expect(checkDestination('network', allowAll).ok).toBe(true)
    expect(checkDestination('local', { ...strict, exportAllowed: false }).ok).toBe(false)
  })
})

describe('ExportService (C-21, C-22, C-07)', () => {
  it('without approval: refused, nothing written, no ledger row; the refusal is reported to the security log', async () => {
    const { svc, calls, writeFile, onRefused } = service('pending', 'local')
    await expect(svc.execute(7)).rejects.toMatchObject({ code: 'forbidden' })
    expect(writeFile).not.toHaveBeenCalled()
    expect(calls.map((c) => c.name)).toEqual(['export.data'])
    expect(onRefused).toHaveBeenCalledWith({
      requestId: 7,
      reason: 'server:forbidden',
      message: '監督者の承認がないため持ち出せません',
    })
  })

  it('a removable destination is refused before any data is fetched', async () => {
    const { svc, calls, writeFile, onRefused } = service('approved', 'removable')
    await expect(svc.execute(7)).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('USB') })
    expect(calls).toEqual([])
    expect(writeFile).not.toHaveBeenCalled()
    expect(onRefused).toHaveBeenCalledWith({
      requestId: 7,
      reason: 'destination:removable',
      message: expect.stringContaining('USB'),
    })
  })

  it('a terminal without export rights refuses before asking for a destination', async () => {
    const { svc, calls, onRefused } = service('approved', 'local', {
      exportAllowed: false,
      allowRemovableExport: false,
      allowNetworkExport: false,
    })
    await expect(svc.execute(7)).rejects.toMatchObject({ code: 'forbidden' })
    expect(calls).toEqual([])
    expect(onRefused).toHaveBeenCalledWith(expect.objectContaining({ requestId: 7, reason: 'policy' }))
  })

  it('a network path is refused and reported; no data fetched', async () => {
    const { svc, calls, onRefused } = service('approved', 'network')
    await expect(svc.execute(7)).rejects.toMatchObject({ code: 'forbidden' })
    expect(calls).toEqual([])
    expect(onRefused).toHaveBeenCalledWith(expect.objectContaining({ reason: 'destination:network' }))
  })

  it('with approval: an AES-256 ZIP that opens only with its password, and the ledger gets its SHA-256', async () => {
    const { svc, calls, dir } = service('approved', 'local')
    const result = await svc.execute(7)
    expect(result.fileName).toBe('kaigo-export-7-20261126-100000.zip')
    const file = join(dir, result.fileName)
    const bytes = readFileSync(file)
    expect(result.fileSha256).toBe(createHash('sha256').update(bytes).digest('hex'))
    // No personal data in the clear in the file.
    expect(bytes.toString('utf8')).not.toContain('山田')
    expect(bytes.toString('latin1')).not.toContain('0000012345')

    const complete = calls.find((c) => c.name === 'export.complete')!.input
    expect(complete).toMatchObject({ requestId: 7, fileSha256: result.fileSha256, destination: file, recordCount: 2 })
    expect(complete.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/)

    // 7-Zip: the method is AES-256, the wrong password fails, the right one extracts the CSV.
    const listing = execFileSync('7z', ['l', '-slt', `-p${result.password}`, file], { encoding: 'utf8' })
    expect(listing).toMatch(/Method = AES-256/)
    expect(() => execFileSync('7z', ['t', '-pWrong-password-123', file], { stdio: 'pipe' })).toThrow()
    const out = join(dir, 'out')
    execFileSync('7z', ['x', `-p${result.password}`, `-o${out}`, file], { stdio: 'pipe' })
    const csv = readFileSync(join(out, '被保険者基本情報.csv'), 'utf8')
    expect(csv).toBe(personBasicCsv(data))
    expect(csv).toContain('"山田 太郎"')
    expect(csv).toContain('"佐藤 ""花子"""')
  })

  it('a cancelled save dialog stops before any data is fetched', async () => {
    const { backend, calls } = fakeBackend('approved')
    const svc = new ExportService(backend, auth, {
      policy: { exportAllowed: true, allowRemovableExport: false, allowNetworkExport: false },
      chooseDestination: async () => null,
      classify: async () => 'local',
      writeFile: async () => undefined,
    })
    await expect(svc.execute(7)).rejects.toMatchObject({ code: 'invalidRequest' })
    expect(calls).toEqual([])
  })

  it('a handed file (EUC extract) is written unchanged inside the AES-256 ZIP, through the injected writer', async () => {
    const { svc, calls, writeFile, dir } = service('approved', 'local', undefined, handed)
    const result = await svc.execute(7)
    expect(writeFile).toHaveBeenCalledTimes(1)
    const file = join(dir, result.fileName)
    expect(writeFile.mock.calls[0]![0]).toBe(file)
    const bytes = readFileSync(file)
    expect(result.fileSha256).toBe(createHash('sha256').update(bytes).digest('hex'))
    expect(bytes.toString('utf8')).not.toContain('人数')
    expect(execFileSync('7z', ['l', '-slt', `-p${result.password}`, file], { encoding: 'utf8' })).toMatch(
      /Method = AES-256/,
    )
    const out = join(dir, 'out')
    execFileSync('7z', ['x', `-p${result.password}`, `-o${out}`, file], { stdio: 'pipe' })
    // The very bytes handed over (BOM, CRLF, the 「*」 of the suppressed cell) — not a 被保険者基本情報 CSV.
    expect(readFileSync(join(out, 'EUC抽出_性別集計_2026-11-30_3.csv'))).toEqual(extractBytes)
    // The 持出管理簿 row counts the CSV's data lines (two groups), with the ZIP's SHA-256.
    const complete = calls.find((c) => c.name === 'export.complete')!.input
    expect(complete).toMatchObject({ requestId: 7, fileSha256: result.fileSha256, destination: file, recordCount: 2 })
  })

  it('a handed file whose bytes do not match the SHA-256 recorded at hand-over is not written, no ledger row', async () => {
    const tampered: ExportData = {
      ...handed,
      file: { ...handed.file!, contentBase64: Buffer.from(extractCsv.replace('12', '13')).toString('base64') },
    }
    const { svc, calls, writeFile } = service('approved', 'local', undefined, tampered)
    await expect(svc.execute(7)).rejects.toMatchObject({ message: expect.stringContaining('一致しない') })
    expect(writeFile).not.toHaveBeenCalled()
    expect(calls.map((c) => c.name)).toEqual(['export.data'])
  })

  it('csvDataLines counts the data lines without the header, BOM or trailing line end', () => {
    expect(csvDataLines('\uFEFF"a"\r\n"1"\r\n"2"\r\n')).toBe(2)
    expect(csvDataLines('"a"\n"1"')).toBe(1)
    expect(csvDataLines('\uFEFF"a"\r\n')).toBe(0)
    expect(csvDataLines('')).toBe(0)
  })

  it('buildEncryptedZip refuses a short password', async () => {
    await expect(buildEncryptedZip([{ name: 'a.csv', text: 'x' }], 'short')).rejects.toThrow()
  })
})
