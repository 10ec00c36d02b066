import { eligibilityBench } from './eligibility.bench'
import { mastersBench } from './masters.bench'
import { premiumsBench } from './premiums.bench'
import { seedBench } from './seed.bench'
import type { BenchModule } from './types'

/** The benchmark modules `npm run bench` runs, in this order. Add an area's module here. */
export const benchModules: readonly BenchModule[] = [seedBench, mastersBench, eligibilityBench, premiumsBench]
