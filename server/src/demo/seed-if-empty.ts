import { count } from 'drizzle-orm'
import type { Db } from '../core/db/connect'
import { persons } from '../areas/persons/schema'
import { DEMO_SERVER_SECRET } from '../core/secrets'
import { generateDummyWardChunks } from './generator'
import { collectEligibilitySpecials, seedEligibilityHistory, type SeedSpecial } from './eligibility-seed'
import { assignCareAreas, seedDemoUsers, seedWard } from './seed-database'
import { seedPensionTargets } from './pension-targets'
import { seedDemoBankAccounts } from './bank-accounts'
import { seedDemoPayments } from './collection-payments'
import { seedCertificationCases } from './certification-cases'
import { seedCertificationDecisions } from './certification-decisions'
import { seedDemoBenefitRecords } from './benefit-records'
import { todayInJapan } from '../../../shared/domain/dates'

export const DEMO_SEED = 20_261_125

/**
 * Demo mode only: seeds the demo staff accounts and a dummy ward of `scale` persons into an empty database.
 * Returns null when the database already had persons; the demo accounts and areas are then only brought up to
 * date (a demo database from before TOTP and areas). Production never seeds (control C-23).
 */
export async function seedDemoIfEmpty(
  db: Db,
  mode: 'demo' | 'production',
  scale: number,
  seed = DEMO_SEED,
  serverSecret = DEMO_SERVER_SECRET,
): Promise<{ persons: number; households: number; ms: number } | null> {
  if (mode !== 'demo') return null
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(persons)
  if (Number(n) > 0) {
    await seedDemoUsers(db, serverSecret)
    await assignCareAreas(db)
    return null
  }
  const started = performance.now()
  await seedDemoUsers(db, serverSecret)
  const specials: SeedSpecial[] = []
  const chunks = collectEligibilitySpecials(generateDummyWardChunks({ seed, scale }, 10_000), specials)
  const seeded = await seedWard(db, chunks, mode)
  await seedEligibilityHistory(db, specials)
  await seedPensionTargets(db)
  await seedDemoBankAccounts(db, seed)
  // 収納: payments for part of the ward, once it has a 賦課 (none in a fresh demo before the 本算定 batch).
  const now = new Date()
  await seedDemoPayments(db, { asOf: todayInJapan(now), now })
  // 要介護認定: two years of cases and the cases in progress at every stage, for the clock board.
  await seedCertificationCases(db, { today: todayInJapan(now), seed, now })
  // … and the 受給者台帳 of the notified ones (level and validity), for the card and the benefits area.
  await seedCertificationDecisions(db, { now })
  // 給付実績: the last three service months of the certified persons, imported from generated 国保連 files.
  await seedDemoBenefitRecords(db, { now, seed })
  return { ...seeded, ms: Math.round(performance.now() - started) }
}
