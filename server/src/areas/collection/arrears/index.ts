/**
 * 滞納管理 and 給付制限 (docs/sources/domain.md §4.3): the routes factory, and the restriction state other areas read.
 */
export { arrearsRoutes } from './arrears-routes'
export { benefitRestrictionsOf, type BenefitRestriction } from './cases'
export {
  arrearsContacts,
  arrearsPlanEnds,
  arrearsPlans,
  arrearsPropertyRecords,
  benefitRestrictionSteps,
} from './schema'
