/**
 * `npm run ledger:verify [-- --json]` (docs/collection.md §1): checks the whole 収納 ledger of the configured database
 * set-based (server/src/areas/collection/ledger/verify.ts) and names every violation in Japanese. Exit 0 when it
 * holds, 1 on a violation, 2 on an error.
 */
import { verifyLedger } from '../areas/collection'
import { openConfiguredDatabase } from './open-from-env'

const ruleLabel = {
  sign: '種別・符号',
  invariant: '残高の不変条件',
  charge: '調定と賦課',
  offset: '充当',
  refund: '還付',
  lateCharge: '延滞金',
} as const

try {
  const { database } = await openConfiguredDatabase()
  const result = await verifyLedger(database.db)
  await database.close()
  if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2))
  else {
    console.log(`収納台帳 ${result.entries} 明細・${result.installments} 期を検証しました（${database.kind}）`)
    for (const v of result.violations) console.log(`  [${ruleLabel[v.rule]}] 被保険者 #${v.personId} ${v.detail}`)
    if (result.unsynced > 0)
      console.log(
        `  参考: 最新の賦課がまだ台帳に反映されていない期が ${result.unsynced} 件あります（違反ではありません）`,
      )
    console.log(result.ok ? '結果: 違反はありません' : `結果: ${result.violations.length} 件の違反を検出しました`)
  }
  process.exit(result.ok ? 0 : 1)
} catch (error) {
  console.error(`収納台帳を検証できませんでした: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(2)
}
