import { describe, expect, it, vi } from 'vitest'

vi.mock('../../../../../renderer/src/platform/bridge', () => ({ isBrowserShell: false, api: { premiums: {} } }))

const { residentTaxFileProblem, residentTaxRequest } =
  await import('../../../../../renderer/src/features/premiums/resident-tax-intake')

describe('a 住民税課税情報 file is checked before it is sent', () => {
  it('asks for a file, refuses an empty one', () => {
    expect(residentTaxFileProblem(null, false)).toBe('取り込むファイルを選んでください')
    expect(residentTaxFileProblem({ size: 0 }, false)).toBe('ファイルが空です')
  })
  it('takes up to 15,000,000 bytes in the Electron shell (20,000,000 base64 characters, shared/api/premiums.ts)', () => {
    expect(residentTaxFileProblem({ size: 15_000_000 }, false)).toBeNull()
    expect(residentTaxFileProblem({ size: 15_000_001 }, false)).toBe(
      'ファイルが大きすぎます（上限 15MB）。分割して取り込んでください',
    )
  })
  it('takes up to 44 KB in browser mode (the loopback bridge takes 64 KB per request)', () => {
    expect(residentTaxFileProblem({ size: 44 * 1024 }, true)).toBeNull()
    expect(residentTaxFileProblem({ size: 44 * 1024 + 1 }, true)).toBe(
      'ファイルが大きすぎます（上限 44KB、検証モード）。分割して取り込んでください',
    )
  })
})

describe('the request carries the bytes unchanged, in base64, with a fresh key', () => {
  it('encodes CP932 bytes as they are (the server decodes them)', () => {
    // 「課税」 in CP932: 89 DB 90 C5.
    const bytes = new Uint8Array([0x89, 0xdb, 0x90, 0xc5, 0x0d, 0x0a])
    const req = residentTaxRequest({ fileName: 'kazei.csv', bytes, encoding: 'shift_jis', dryRun: true })
    expect(req).toEqual({
      fileName: 'kazei.csv',
      contentBase64: 'iduQxQ0K',
      encoding: 'shift_jis',
      dryRun: true,
      idempotencyKey: req.idempotencyKey,
    })
    const again = residentTaxRequest({ fileName: 'kazei.csv', bytes, encoding: 'shift_jis', dryRun: true })
    expect(again.idempotencyKey).not.toBe(req.idempotencyKey)
  })
  it('encodes a file larger than one slice of the encoder (32,768 bytes) whole', () => {
    const bytes = new Uint8Array(40_000).map((_, i) => i % 256)
    const req = residentTaxRequest({ fileName: 'big.csv', bytes, encoding: 'utf-8', dryRun: false })
    expect(Buffer.from(req.contentBase64, 'base64').equals(Buffer.from(bytes))).toBe(true)
  })
})
