import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq, sql } from 'drizzle-orm'
import type { DatabaseHandle } from '../../../../server/src/core/db/connect'
import { households, persons } from '../../../../server/src/areas/persons/schema'
import { addressBigramCondition, addressBigrams } from '../../../../server/src/areas/persons/address-index'
import { seedDemoIfEmpty } from '../../../../server/src/demo/seed-if-empty'
import { addressSearchFragment } from '../../../../shared/text/address'
import { databaseKinds, freshDatabase } from '../../support/databases'

type Rows<T> = { rows: T[] }

/** Person ids found by the route's address condition: the bigram index condition and the exact LIKE. */
async function withIndex(db: DatabaseHandle['db'], text: string): Promise<number[]> {
  const fragment = addressSearchFragment(text)
  const rows = await db
    .select({ id: persons.id })
    .from(persons)
    .innerJoin(households, eq(households.id, persons.householdId))
    .where(
      and(
        addressBigramCondition(fragment) ?? undefined,
        sql`replace(${households.address}, chr(12288), '') like ${`%${fragment}%`}`,
      ),
    )
    .orderBy(persons.id)
  return rows.map((r) => r.id)
}

/** The same lookup as a plain scan (no index condition): the reference. */
async function byScan(db: DatabaseHandle['db'], text: string): Promise<number[]> {
  const fragment = addressSearchFragment(text)
  const rows = await db
    .select({ id: persons.id })
    .from(persons)
    .innerJoin(households, eq(households.id, persons.householdId))
    .where(sql`strpos(replace(${households.address}, chr(12288), ''), ${fragment}) > 0`)
    .orderBy(persons.id)
  return rows.map((r) => r.id)
}

describe.each(databaseKinds)('the address bigram index on %s', (kind) => {
  let handle: DatabaseHandle
  let addresses: string[]
  beforeAll(async () => {
    handle = await freshDatabase(kind)
    await seedDemoIfEmpty(handle.db, 'demo', 1_000)
    if (kind === 'postgres') await handle.db.execute(sql`analyze households`)
    addresses = (await handle.db.select({ a: households.address }).from(households).limit(40)).map((r) => r.a)
  })
  afterAll(() => handle.close())

  it('computes the same bigrams in TypeScript as address_bigrams() in SQL', async () => {
    for (const address of addresses.slice(0, 10)) {
      const result = (await handle.db.execute(sql`select address_bigrams(${address}) as g`)) as unknown as Rows<{
        g: string[]
      }>
      expect([...result.rows[0]!.g].sort()).toEqual(addressBigrams(address.replace(/\u3000/g, '')).sort())
    }
  })

  it('finds exactly what a full scan finds, for fragments typed as staff type them', async () => {
    const m = /新宿区(.+?)([一二三四五六七八九十]+)丁目(\d+)番/.exec(addresses[0]!)
    const fragments = [
      addresses[0]!.slice(6, 14),
      addresses[1]!.slice(3, 9),
      '新宿',
      '丁目1番',
      '西',
      'どこにもない住所',
      ...(m ? [`${m[1]}${m[2]}丁目${m[3]}番`] : []),
    ]
    for (const fragment of fragments)
      expect(await withIndex(handle.db, fragment), fragment).toEqual(await byScan(handle.db, fragment))
  })

  it('is usable by the planner for the exact expression the search sends', async () => {
    const fragment = addressSearchFragment(addresses[0]!.slice(6, 14))
    const plan = await handle.db.transaction(async (tx) => {
      // The seeded test ward is small enough for a scan to win; forbid it to see that the index matches at all.
      await tx.execute(sql`set local enable_seqscan = off`)
      const query = tx.select({ id: households.id }).from(households).where(addressBigramCondition(fragment)!)
      return (await tx.execute(sql`explain ${query}`)) as unknown as Rows<{ 'QUERY PLAN': string }>
    })
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('households_address_bigram_idx')
  })
})
