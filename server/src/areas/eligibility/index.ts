/** 資格管理: the eligibility history of each person, its routes, corrections, facility facts and the intake of 異動. */
export { eligibilityRoutes } from './eligibility-routes'
export { intakeRoutes } from './intake/intake-routes'
export { loadEvents, type NewEligibilityEvent } from './history-store'
