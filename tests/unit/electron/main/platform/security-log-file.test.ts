// C-07 and C-01: the local security log file is sealed line by line with the data key; stderr keeps the plain line
// for the OS log collection. Without a data key (no OS key store) the file is never written.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createSecurityLog } from '../../../../../electron/main/platform/security-log'
import {
  readSecurityLog,
  SECURITY_LOG_SEAL_PURPOSE,
  securityLogWriter,
} from '../../../../../electron/main/platform/security-log-file'
import { openSealed, testDataKey } from '../../fixtures/secret-store'

const logFile = () => join(mkdtempSync(join(tmpdir(), 'kaigo-seclog-')), 'logs', 'security.log')
const event = { kind: 'export-refused', requestId: 42, reason: 'removable-destination' } as const

describe('the security log file is sealed at rest (C-07)', () => {
  it('the file holds no event text; each line opens with the data key to the JSON line stderr got', async () => {
    const file = logFile()
    const data = testDataKey()
    const stderr: string[] = []
    const log = createSecurityLog(securityLogWriter(file, Promise.resolve(data.key), undefined, (l) => stderr.push(l)))
    await Promise.resolve()
    log.record(event)
    log.record({ kind: 'print-refused', printer: 'Microsoft Print to PDF', reason: 'virtual' })
    const content = readFileSync(file, 'utf8')
    for (const needle of ['export-refused', 'removable-destination', 'Microsoft Print to PDF', 'security']) {
      expect(content).not.toContain(needle)
    }
    // Decrypted with node:crypto only (format of docs/security.md): the plain lines are there.
    const lines = content.trim().split('\n')
    expect(lines).toHaveLength(2)
    expect(openSealed(data.raw, Buffer.from(lines[0]!, 'base64'), SECURITY_LOG_SEAL_PURPOSE).toString()).toBe(stderr[0])
    expect(readSecurityLog(content, data.key).map((l) => JSON.parse(l).kind)).toEqual([
      'export-refused',
      'print-refused',
    ])
  })

  it('lines raised before the key is unwrapped wait and are written, in order, once it is', async () => {
    const file = logFile()
    const data = testDataKey()
    let resolve: (k: typeof data.key) => void = () => undefined
    const write = securityLogWriter(file, new Promise((r) => (resolve = r)), undefined, () => undefined)
    write('{"n":1}')
    write('{"n":2}')
    expect(existsSync(file)).toBe(false)
    resolve(data.key)
    await Promise.resolve()
    write('{"n":3}')
    expect(readSecurityLog(readFileSync(file, 'utf8'), data.key)).toEqual(['{"n":1}', '{"n":2}', '{"n":3}'])
  })

  it('a different data key does not read the log', async () => {
    const file = logFile()
    const write = securityLogWriter(file, Promise.resolve(testDataKey().key), undefined, () => undefined)
    await Promise.resolve()
    write('{"n":1}')
    expect(() => readSecurityLog(readFileSync(file, 'utf8'), testDataKey('other').key)).toThrow('otherKey')
  })

  it('without a data key (no OS key store) nothing is written to disk; stderr still gets every line', async () => {
    const file = logFile()
    const stderr: string[] = []
    const write = securityLogWriter(file, Promise.resolve(null), undefined, (l) => stderr.push(l))
    write('{"before":true}')
    await Promise.resolve()
    write('{"after":true}')
    expect(existsSync(file)).toBe(false)
    expect(stderr).toEqual(['{"before":true}', '{"after":true}'])
  })
})
