import { describe, expect, it } from 'vitest'
import {
  base32Decode,
  base32Encode,
  hotp,
  otpauthUri,
  totpCode,
  totpStep,
  verifyTotp,
} from '../../../../../server/src/areas/accounts/totp'

const ascii = (s: string) => Buffer.from(s, 'ascii')

// RFC 4648 §10.
describe('base32 (RFC 4648 test vectors)', () => {
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('%j ⇄ %s (padding omitted)', (plain, encoded) => {
    expect(base32Encode(ascii(plain))).toBe(encoded)
    expect(base32Decode(encoded).toString('ascii')).toBe(plain)
    expect(base32Decode(`${encoded}======`.slice(0, Math.ceil(encoded.length / 8) * 8)).toString('ascii')).toBe(plain)
  })

  it('refuses characters outside the alphabet', () => {
    expect(() => base32Decode('MZ1W')).toThrow()
  })
})

// RFC 4226 Appendix D.
describe('HOTP (RFC 4226 test vectors)', () => {
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489']
  it.each(expected.map((code, counter) => [counter, code]))('counter %i → %s', (counter, code) => {
    expect(hotp(ascii('12345678901234567890'), counter)).toBe(code)
  })
})

// RFC 6238 Appendix B: 8 digits, the three HMAC algorithms.
describe('TOTP (RFC 6238 test vectors)', () => {
  const keys = {
    sha1: ascii('12345678901234567890'),
    sha256: ascii('12345678901234567890123456789012'),
    sha512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
  }
  const vectors: [number, string, string, string][] = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ]
  it.each(vectors)('T = %i s', (seconds, sha1, sha256, sha512) => {
    const step = totpStep(new Date(seconds * 1000))
    expect(hotp(keys.sha1, step, 8, 'sha1')).toBe(sha1)
    expect(hotp(keys.sha256, step, 8, 'sha256')).toBe(sha256)
    expect(hotp(keys.sha512, step, 8, 'sha512')).toBe(sha512)
  })
})

describe('verifying a code: one step of drift either side, never twice (RFC 6238 §5.2)', () => {
  const secret = base32Encode(ascii('12345678901234567890'))
  const now = new Date(1_800_000_015_000)
  const step = totpStep(now)
  const at = (s: number) => totpCode(secret, now, s)

  it('accepts the codes of the previous, current and next step', () => {
    for (const s of [step - 1, step, step + 1]) expect(verifyTotp(secret, at(s), now, null)).toEqual({ step: s })
  })

  it('refuses the codes two steps away on both sides', () => {
    for (const s of [step - 2, step + 2]) expect(verifyTotp(secret, at(s), now, null).step).toBeNull()
  })

  it('refuses a step at or before the last one used, and says it is a replay; accepts the one after', () => {
    expect(verifyTotp(secret, at(step), now, step)).toEqual({ step: null, replay: true })
    expect(verifyTotp(secret, at(step - 1), now, step - 1)).toEqual({ step: null, replay: true })
    expect(verifyTotp(secret, at(step + 1), now, step)).toEqual({ step: step + 1 })
  })

  it.each(['12345', '1234567', 'abcdef', '', '１２３４５６'])('refuses %j as not six ASCII digits', (code) => {
    expect(verifyTotp(secret, code, now, null)).toEqual({ step: null, replay: false })
  })

  it('builds an otpauth URI an authenticator app understands', () => {
    const uri = new URL(otpauthUri(secret, 'shikaku01', 'kaigo-desk'))
    expect(uri.protocol).toBe('otpauth:')
    expect(uri.searchParams.get('secret')).toBe(secret)
    expect(uri.searchParams.get('digits')).toBe('6')
    expect(uri.searchParams.get('period')).toBe('30')
  })
})
