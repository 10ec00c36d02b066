/** Data export with approval, and the print ledger. */
export { exportRoutes, requestHandedFile } from './export-routes'
export { printRoutes } from './print-routes'
