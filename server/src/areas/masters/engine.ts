/**
 * The server's home of the master engine (shared/masters/engine.ts): a reader over one consistent snapshot of the
 * current master versions in the database. The terminal uses the same engine over its better-sqlite3 cache.
 */
import type { MasterDatasetName } from '../../../../shared/masters/datasets'
import { memoryMasterReader, type MasterReader } from '../../../../shared/masters/engine'
import type { Db } from '../../core/db/connect'
import { loadSnapshot } from './store'

/** The datasets the engine's calculations read (the large reference lists are left out). */
export const ENGINE_DATASETS: readonly MasterDatasetName[] = [
  'ward.parameters',
  'national.pensionIncomeBoundary',
  'national.standardStageTables',
  'national.monthlyBenefitCaps',
  'national.unitPriceRatios',
  'national.copayThresholds',
  'national.highCostCaps',
  'national.reliefPensionIncomeBoundary',
  'national.facilityReliefThresholds',
  'national.facilityReliefAmounts',
  'national.validityLimits',
  'ref.insurer',
  'ref.serviceTypes',
  'ref.noticeTexts',
]

/** Reads the current versions of `datasets` in one read-only, repeatable-read transaction. */
export async function databaseMasterReader(
  db: Db,
  datasets: readonly MasterDatasetName[] = ENGINE_DATASETS,
): Promise<MasterReader> {
  const snapshot = await db.transaction((tx) => loadSnapshot(tx, datasets), {
    isolationLevel: 'repeatable read',
    accessMode: 'read only',
  })
  return memoryMasterReader(snapshot)
}
