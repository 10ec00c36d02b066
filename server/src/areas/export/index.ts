/** Data export with approval, and the print ledger. */
export { exportRoutes } from './export-routes'
export { printRoutes } from './print-routes'
