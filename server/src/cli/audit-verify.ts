/**
 * `npm run audit:verify [-- --anchor <seq>:<hash>] [--json]` (control C-08): walks the whole audit chain of the
 * configured database and names every modified, inserted or deleted row. Exit 0 intact, 1 tampered, 2 error.
 * Needs the server secret of the server that wrote the log (KAIGO_SERVER_SECRET; demo: built in).
 */
import { verifyAuditChain } from '../core/audit/audit-log'
import { deriveServerKeys } from '../core/secrets'
import { openConfiguredDatabase, option } from './open-from-env'

const problemLabel = { modified: '改ざん', inserted: '挿入', deleted: '削除' } as const

try {
  const { config, database } = await openConfiguredDatabase()
  const anchorText = option('anchor')
  const anchor = anchorText
    ? { seq: Number(anchorText.split(':')[0]), hash: anchorText.split(':')[1] ?? '' }
    : undefined
  const result = await verifyAuditChain(database.db, deriveServerKeys(config.serverSecret).auditKey, anchor)
  await database.close()
  if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2))
  else {
    console.log(`監査ログ ${result.rows} 行を検証しました（${database.kind}）`)
    if (result.head) console.log(`先頭行: seq ${result.head.seq} ${result.head.hash}（アンカーとして控えてください）`)
    for (const p of result.problems) console.log(`  [${problemLabel[p.kind]}] ${p.detail}`)
    console.log(
      result.ok ? '結果: 改ざんは検出されませんでした' : `結果: ${result.problems.length} 件の異常を検出しました`,
    )
  }
  process.exit(result.ok ? 0 : 1)
} catch (error) {
  console.error(`監査ログを検証できませんでした: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(2)
}
