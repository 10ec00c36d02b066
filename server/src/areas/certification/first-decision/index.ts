/** 一次判定: the import of the national software's result (docs/interfaces/first-decision.md). */
export { firstDecisionRoutes } from './first-decision-routes'
