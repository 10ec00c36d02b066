/** 保存期間と消去 (control C-20): the retention run — dry run, the 監督者's sign-off, erasure, 消去報告書. */
export { retentionRoutes, type RetentionRouteOptions } from './retention-routes'
export { backupsToReport } from './backups'
