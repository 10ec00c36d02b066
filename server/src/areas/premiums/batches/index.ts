/**
 * 賦課バッチ: 仮算定・本算定・異動賦課 as runs with a dry run, the 監督者's sign-off and a commit in resumable chunks.
 */
export { premiumBatchRoutes } from './batch-routes'
export { prepareBatchRun } from './dry-run'
export { commitNextChunk } from './commit'
export { approveRun, loadRun, rejectRun } from './runs'
