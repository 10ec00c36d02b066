import { benefitRecordsBench } from './benefit-records.bench'
import { certificationBench } from './certification.bench'
import { collectionIntakeBench } from './collection-intake.bench'
import { collectionLedgerBench } from './collection-ledger.bench'
import { eligibilityBench } from './eligibility.bench'
import { mastersBench } from './masters.bench'
import { migrationBench } from './migration.bench'
import { premiumsBench } from './premiums.bench'
import { seedBench } from './seed.bench'
import { statisticsBench } from './statistics.bench'
import type { BenchModule } from './types'

/** The benchmark modules `npm run bench` runs, in this order. Add an area's module here. */
export const benchModules: readonly BenchModule[] = [
  seedBench,
  mastersBench,
  eligibilityBench,
  premiumsBench,
  collectionIntakeBench,
  collectionLedgerBench,
  certificationBench,
  statisticsBench,
  benefitRecordsBench,
  migrationBench,
]
