/** 資格管理: the eligibility history of each person, its routes, corrections, facility facts and the intake of 異動. */
export { eligibilityRoutes } from './eligibility-routes'
export { intakeRoutes } from './intake/intake-routes'
export { loadEvents, loadEventsOf, type NewEligibilityEvent } from './history-store'
/** The intake bookkeeping tables, for the retention run (C-20), which erases old files and detaches erased persons. */
export { intakeFiles, intakeRecords } from './intake/schema'
