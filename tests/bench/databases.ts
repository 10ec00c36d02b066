/**
 * What the bench modules share: a throwaway PostgreSQL database on the DATABASE_URL server (migrated, dropped on
 * close; null without DATABASE_URL, when a module measures the embedded database only), and a signed-in staff
 * member for the services that stamp who did what.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openDatabase, type DatabaseHandle } from '../../server/src/core/db/connect'
import type { AuthenticatedUser } from '../../server/src/core/sessions/sessions'

export async function openBenchPostgres(): Promise<DatabaseHandle | null> {
  const adminUrl = process.env.DATABASE_URL
  if (!adminUrl) return null
  const name = `kaigo_bench_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: 'memory' })
  return {
    ...handle,
    async close() {
      await handle.close()
      const drop = new pg.Client({ connectionString: adminUrl })
      await drop.connect()
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await drop.end()
    },
  }
}

/** A staff member with the second factor, stepped up at `now`. */
export const benchStaff = (id: number, loginId: string, now: Date): AuthenticatedUser => ({
  id,
  loginId,
  displayName: loginId,
  department: 'bench',
  careArea: null,
  roles: [],
  secondFactor: true,
  stepUpAt: now,
  sessionTokenHash: '',
})
