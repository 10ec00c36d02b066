/** 減免・徴収猶予 (介護保険法第142条): the routes, and the approved reliefs the assessment applies. */
export { reductionRoutes } from './reduction-routes'
export { loadApprovedReliefs } from './approved'
