/** Operations: the status route, backup and restore of the database. */
export { opsRoutes } from './ops-routes'
export {
  backupPglite,
  backupPostgres,
  readManifest,
  restorePglite,
  restorePostgres,
  type BackupManifest,
} from './backup'
