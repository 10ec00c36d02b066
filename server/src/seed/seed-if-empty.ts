import { count } from 'drizzle-orm'
import type { Db } from '../db/connect'
import { persons } from '../db/schema'
import { generateDummyWardChunks } from './generator'
import { seedDemoUsers, seedWard } from './seed-database'

export const DEMO_SEED = 20_261_125

/**
 * Demo mode only: seeds the demo staff accounts and a dummy ward of `scale` persons into an empty database.
 * Returns null when the database already had persons (nothing is touched then).
 */
export async function seedDemoIfEmpty(
  db: Db,
  mode: 'demo' | 'production',
  scale: number,
  seed = DEMO_SEED,
): Promise<{ persons: number; households: number; ms: number } | null> {
  if (mode !== 'demo') return null
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(persons)
  if (Number(n) > 0) return null
  const started = performance.now()
  await seedDemoUsers(db)
  const seeded = await seedWard(db, generateDummyWardChunks({ seed, scale }, 10_000), mode)
  return { ...seeded, ms: Math.round(performance.now() - started) }
}
