/** 収納状況 per fiscal year (docs/collection.md §5), from the ledger. */
export { collectionReportRoutes } from './report-routes'
export {
  collectionFigures,
  collectionFiguresByPerson,
  collectionStatus,
  collectionStatusCsv,
  type CollectionFiguresRow,
} from './collection-status'
