/**
 * The 特別徴収 exchange with the pension insurers as the rest of the server sees it (docs/interfaces/pension-withholding.md,
 * "Business"): its routes, the services the demo seeder and the other parts of 賦課 and 収納 call, and its tables.
 */
export { pensionExchangeRoutes } from './exchange-routes'
export { importWithholdingTargets } from './import-targets'
export { importWithholdingResults, loadWithholdingResults } from './import-results'
export { exportWithholdingRequests, finalWithholdingMonths } from './export-requests'
export { loadWithholdingTargets } from './targets'
export { WARD_MUNICIPALITY_CODE } from './exchange-files'
export { fitsJisX0208, fitsSingleByte, toHalfWidthKana, truncateBytes } from './kana'
export {
  pensionExchangeFiles,
  pensionWithholdingRequests,
  pensionWithholdingResults,
  pensionWithholdingTargets,
} from './schema'
