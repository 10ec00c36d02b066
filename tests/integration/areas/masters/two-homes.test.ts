import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  annualPremium,
  premiumStage,
  shinjukuProvisionalStageTable,
  type PremiumStageInput,
} from '../../../../shared/domain'
import { premiumFromMasters, type MasterReader } from '../../../../shared/masters/engine'
import { shinjukuDefaultWardVersions } from '../../../../shared/masters/ward-parameters'
import type { Db } from '../../../../server/src/core/db/connect'
import { persons } from '../../../../server/src/areas/persons/schema'
import { databaseMasterReader } from '../../../../server/src/areas/masters/engine'
import { masterClock } from '../../../../server/src/areas/masters/routes'
import { todayInJapan } from '../../../../shared/domain'
import { signIn } from '../../support/accounts'
import { terminalClient } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { terminal } from './terminal'

/** The FY inputs of every 第1号被保険者 in the database (世帯課税 = someone in the household is taxable). */
async function premiumInputs(db: Db, fiscalYear: number): Promise<PremiumStageInput[]> {
  const rows = await db.select().from(persons)
  const taxableHouseholds = new Set(rows.filter((p) => p.residentTaxable).map((p) => p.householdId))
  return rows
    .filter((p) => p.insuredCategory === 1)
    .map((p) => ({
      fiscalYear,
      onPublicAssistance: p.onPublicAssistance,
      oldAgeWelfarePension: p.oldAgeWelfarePension,
      selfTaxable: p.residentTaxable,
      householdTaxable: taxableHouseholds.has(p.householdId),
      totalIncome: p.totalIncome,
      pensionAndOtherIncome: p.pensionAndOtherIncome,
    }))
}

const premiums = (reader: MasterReader, inputs: PremiumStageInput[]) => inputs.map((i) => premiumFromMasters(reader, i))

describe.each(databaseKinds)(
  'one engine, two homes: premiums from the database and from the terminal cache (%s)',
  (kind) => {
    let t: TestServer
    let db: Db
    beforeAll(async () => {
      masterClock.today = () => '2026-11-26'
      t = await startTestServer(kind, 1_000)
      db = t.database.db as Db
    })
    afterAll(async () => {
      masterClock.today = todayInJapan
      await t.close()
    })

    it('computes the same stage and annual premium for every 第1号被保険者, before and after a new version', async () => {
      const { masters } = terminal(t, await signIn(t, 'shikaku01'))
      await masters.syncNow()
      const inputs2026 = await premiumInputs(db, 2026)
      expect(inputs2026.length).toBeGreaterThan(700)

      const server = premiums(await databaseMasterReader(db), inputs2026)
      expect(premiums(masters.reader(), inputs2026)).toEqual(server)
      // …and both equal the domain library with its shipped Shinjuku defaults.
      const table = shinjukuProvisionalStageTable(2026)
      expect(server).toEqual(
        inputs2026.map((i) => ({
          stage: premiumStage(i, table),
          annual: annualPremium(premiumStage(i, table), table),
        })),
      )

      // A new version from FY2027 (基準額 84,000): both homes pick it up, for FY2027 only.
      const parameters = structuredClone(shinjukuDefaultWardVersions()[0]!.payload.value)
      parameters.basePremium = 84_000
      const client = terminalClient(t)
      const proposed = await client.call(
        'masters.proposeWardChange',
        { idempotencyKey: randomUUID(), effectiveFrom: '2027-04-01', parameters, unverified: [], note: '試験' },
        await signIn(t, 'kanri01'),
      )
      await client.call(
        'masters.decideWardChange',
        { idempotencyKey: randomUUID(), id: proposed.request.id, decision: 'approve' },
        await signIn(t, 'kantoku01'),
      )
      await masters.syncNow()
      const inputs2027 = await premiumInputs(db, 2027)
      const server2027 = premiums(await databaseMasterReader(db), inputs2027)
      expect(premiums(masters.reader(), inputs2027)).toEqual(server2027)
      expect(premiums(masters.reader(), inputs2026)).toEqual(server)
      const stage5 = server2027.find((p) => p.stage === 5)
      expect(stage5?.annual).toBe(84_000)
      masters.close()
    })
  },
)
