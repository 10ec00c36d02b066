import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, describe, expect, it } from 'vitest'
import { openDemoDatabase } from '../../../../scripts/lib/demo-stack'
import { openDatabase } from '../../../../server/src/core/db/connect'
import { isPreviousMigrationLayoutError } from '../../../../server/src/core/db/previous-layout'
import { trackingTables } from '../../core/db/catalog'
import { previousLayoutDump } from '../../core/db/previous-layout-db'

const temp = mkdtempSync(join(tmpdir(), 'kaigo-demo-data-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

describe('npm start with an embedded demo data directory of the previous migration layout', () => {
  it('tells the user, deletes the dummy data and opens the directory anew with the one journal', async () => {
    const dataDir = join(temp, 'pglite')
    const previous = new PGlite(dataDir, { loadDataDir: await previousLayoutDump() })
    await previous.exec(
      "INSERT INTO households (household_code, postal_code, town, address) VALUES ('H1', '1', '町', '町1')",
    )
    await previous.close()
    await expect(openDatabase({ dataDir })).rejects.toSatisfy(isPreviousMigrationLayoutError)

    const told: string[] = []
    const handle = await openDemoDatabase({ dataDir }, (reason) => told.push(reason))
    try {
      expect(told).toHaveLength(1)
      expect(told[0]).toMatch(/以前のマイグレーション構成/)
      expect(told[0]).toContain(dataDir)
      expect(await trackingTables(handle.db)).toEqual(['drizzle.__drizzle_migrations'])
      const households = (await handle.pglite!.query('SELECT count(*)::int AS n FROM households')).rows
      expect(households).toEqual([{ n: 0 }])
    } finally {
      await handle.close()
    }
  })

  it('opens a new directory as it is, with nothing to tell', async () => {
    const dataDir = join(temp, 'new')
    const told: string[] = []
    const handle = await openDemoDatabase({ dataDir }, (reason) => told.push(reason))
    await handle.close()
    expect(told).toEqual([])
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true)
  })
})
