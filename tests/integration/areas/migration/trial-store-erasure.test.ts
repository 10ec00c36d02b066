import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../../../server/src/core/db/connect'
import { MemoryKeyVault } from '../../../../server/src/areas/migration/trial-store/keys'
import { pgliteTrialStores, postgresTrialStores } from '../../../../server/src/areas/migration/trial-store/store'
import { createTrialStore, unsealedFiles } from '../../../../server/src/areas/migration/trial-store/trial-stores'
import { eraseTrialStoreWithReport } from '../../../../server/src/areas/migration/erasure/erasure'
import { migrationTrialFiles } from '../../../../server/src/areas/migration/trial-store/schema'
import { databaseKinds, freshDatabase } from '../../support/databases'

/**
 * 仮移行 store isolation and cryptographic erasure (docs/sources/migration.md §4.2–§4.4): the store is a database of
 * its own, the production connection cannot see it, and after erasure nothing of it opens or decrypts; the
 * 消去報告書 reads back with pdftotext.
 */
describe.each(databaseKinds)('仮移行環境の分離と消去 on %s', (kind) => {
  let prod: DatabaseHandle
  const vault = new MemoryKeyVault()
  const env = () => ({
    provider:
      kind === 'postgres'
        ? postgresTrialStores(process.env.DATABASE_URL!, async () => {})
        : pgliteTrialStores('memory', async () => {}),
    vault,
  })
  let provider: ReturnType<typeof env>['provider']
  beforeAll(async () => {
    prod = await freshDatabase(kind)
    provider = env().provider
  })
  afterAll(async () => prod?.close())

  it('the trial store is invisible to production, and erasure leaves nothing readable', async () => {
    const e = { provider, vault }
    const now = new Date('2027-01-12T10:00:00+09:00')
    const extract = new TextEncoder().encode('宛名番号,氏名\r\n000001,新宿 花子\r\n')
    const { store, handle } = await createTrialStore(prod.db, e, {
      label: '第1回仮移行',
      createdBy: 'ikou01',
      now,
      files: [{ fileName: 'atena.csv', bytes: extract }],
    })
    await handle.db.execute(sql`CREATE TABLE trial_marker (x int)`)
    const seen = (await prod.db.execute(
      sql`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'trial_marker'`,
    )) as unknown as { rows: { n: number }[] }
    expect(seen.rows[0]!.n).toBe(0)
    await handle.close()
    const [sealedRow] = await prod.db.select().from(migrationTrialFiles)
    expect(sealedRow!.sealed).not.toContain('新宿')
    expect((await unsealedFiles(prod.db, e, store))[0]!.fileName).toBe('atena.csv')

    const report = await eraseTrialStoreWithReport(prod.db, e, {
      trialStoreId: store.id,
      operator: { loginId: 'ikou01', displayName: '移行 担当' },
      witness: { name: '監督 一郎', title: '介護保険課長' },
      now,
    })
    expect(report.verification).toEqual({ storeGone: true, keyGone: true, filesUnreadable: true })
    expect(await provider.open(store.location)).toBeNull()
    await expect(unsealedFiles(prod.db, e, store)).rejects.toThrow('消去済み')

    const dir = mkdtempSync(join(tmpdir(), 'kaigo-trial-erasure-'))
    writeFileSync(join(dir, 'r.pdf'), Buffer.from(report.pdfBase64, 'base64'))
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' })
    expect(text).toContain('消去報告書')
    expect(text).toContain('第1回仮移行')
    expect(text).toContain('令和9年1月12日') // 2027-01-12 in 和暦
    expect(text).toContain('ikou01')
    expect(text).toContain('監督 一郎')
    expect(text).toContain('暗号化消去')
  })
})
