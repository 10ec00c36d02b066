/**
 * Erasure of the trial store after go-live and the 消去報告書 (controls C-20, C-22; docs/sources/migration.md §4.2–§4.4):
 * the store's key is destroyed (cryptographic erasure — NIST SP 800-88 Rev.1 Purge — of every sealed copy of the
 * extract, backups included), its database is dropped, the erasure is verified (the store cannot be opened, the key
 * is gone, the sealed files cannot be unsealed), and the report (what, how many, method, when, by whom, witnessed
 * by, the verification, the 持出管理簿 entries it closes) is generated as PDF and kept, append-only.
 */
import { createHash } from 'node:crypto'
import { eq, inArray } from 'drizzle-orm'
import { formatWareki } from '../../../../../shared/domain/wareki'
import { todayInJapan } from '../../../../../shared/domain/dates'
import type { IsoDate } from '../../../../../shared/domain/dates'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem } from '../../../core/http/problem'
import { unseal } from '../../../core/secrets'
import { renderFormPdf } from '../../forms'
import { migrationTrialFiles, migrationTrialStores } from '../trial-store/schema'
import { dropTrialStore, type TrialEnvironment, type TrialStoreRow } from '../trial-store/trial-stores'
import { migrationErasureReports, migrationHandoverLedger, type ErasedItem } from './schema'

export type ErasureReportRow = typeof migrationErasureReports.$inferSelect

export const ERASURE_METHOD =
  '暗号化消去（専用鍵の破棄、NIST SP 800-88 Rev.1 Purge 相当）およびデータベースの削除（DROP DATABASE）'

const timeOf = (now: Date) =>
  new Intl.DateTimeFormat('ja-JP', {
    timeZone: 'Asia/Tokyo',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(now)

export interface ErasureInput {
  trialStoreId: number
  operator: { loginId: string; displayName: string }
  witness: { name: string; title: string }
  now: Date
}

/** Erases a trial store for good and issues its 消去報告書. */
export async function eraseTrialStoreWithReport(
  db: Db | Tx,
  env: TrialEnvironment,
  input: ErasureInput,
): Promise<ErasureReportRow> {
  const [store] = await db.select().from(migrationTrialStores).where(eq(migrationTrialStores.id, input.trialStoreId))
  if (!store) throw new HttpProblem(404, 'notFound', '仮移行環境が見つかりません')
  if (store.erasedAt && store.erasureReportId)
    throw new HttpProblem(409, 'conflict', 'この仮移行環境は消去済みです（消去報告書 作成済み）')
  const files = await db.select().from(migrationTrialFiles).where(eq(migrationTrialFiles.storeId, store.id))
  const rowsLoaded = store.tableTimings.reduce((n, t) => n + t.rows, 0)
  const items: ErasedItem[] = [
    { what: '仮移行環境の業務データ（行）', count: rowsLoaded },
    { what: '受領した抽出ファイル（暗号化保管）', count: files.length },
    { what: '専用暗号鍵（AES-256）', count: 1 },
  ]
  const erased: TrialStoreRow = store.erasedAt ? store : await dropTrialStore(db, env, store, 'goLive', input.now)
  const verification = await verifyErased(env, erased, files)
  if (!Object.values(verification).every(Boolean))
    throw new HttpProblem(500, 'erasureUnverified', '消去を確認できませんでした。消去報告書は作成していません')
  const ledger = await db
    .select({ id: migrationHandoverLedger.id })
    .from(migrationHandoverLedger)
    .where(inArray(migrationHandoverLedger.trialStoreId, [store.id]))
  const ledgerEntryIds = ledger.map((l) => l.id)
  const target = `仮移行環境 ${store.label}（${store.storeKind === 'postgres' ? 'PostgreSQL データベース' : '組込みデータベース'} ${store.location}、鍵ID ${store.keyId}）`
  const today: IsoDate = todayInJapan(input.now)
  const pdf = await renderFormPdf(
    {
      title: '消去報告書',
      rows: [
        ['消去の対象', `仮移行環境 ${store.label}`],
        ['保管場所', `${store.storeKind === 'postgres' ? 'PostgreSQL' : 'PGlite'} ${store.location}`],
        ['鍵ID', store.keyId],
        ...items.map((i) => [i.what, `${i.count.toLocaleString('ja-JP')}`] as const),
        ['消去の方法', '専用鍵の破棄による暗号化消去'],
        ['', 'およびデータベースの削除'],
        ['消去日時', `${formatWareki(today)} ${timeOf(input.now)}`],
        ['実施者', `${input.operator.displayName}（${input.operator.loginId}）`],
        ['立会者', `${input.witness.name}（${input.witness.title}）`],
        ['消去の確認', '環境の読出し不可・鍵の不存在・復号不可を確認'],
        ['持出管理簿', ledgerEntryIds.length ? ledgerEntryIds.map((i) => `第${i}号`).join('、') : 'なし'],
      ],
      notes: [
        'NIST SP 800-88 Rev.1 Purge（暗号化消去）に相当する方法で消去した。',
        '鍵はデータベースの外に保管しており、バックアップ内の暗号化された写しも復号できない。',
        '物理媒体の破壊は別途の手順（細断・破砕）により行い、その記録を添付する。',
      ],
    },
    'a4',
  )
  const bytes = Buffer.from(pdf)
  const [report] = await db
    .insert(migrationErasureReports)
    .values({
      erasedAt: input.now,
      target,
      items,
      method: ERASURE_METHOD,
      operatorLogin: input.operator.loginId,
      operatorName: input.operator.displayName,
      witnessName: input.witness.name,
      witnessTitle: input.witness.title,
      verification,
      ledgerEntryIds,
      trialStoreId: store.id,
      pdfSha256: createHash('sha256').update(bytes).digest('hex'),
      pdfBase64: bytes.toString('base64'),
    })
    .returning()
  await db
    .update(migrationTrialStores)
    .set({ erasureReportId: report!.id, status: 'erased' })
    .where(eq(migrationTrialStores.id, store.id))
  return report!
}

/** The three facts the report states: nothing of the store opens, the key is gone, no sealed file decrypts. */
export async function verifyErased(
  env: TrialEnvironment,
  store: TrialStoreRow,
  files: readonly (typeof migrationTrialFiles.$inferSelect)[],
): Promise<Record<string, boolean>> {
  const storeGone = !(await env.provider.exists(store.location))
  const keyGone = env.vault.get(store.keyId) === null
  // Without the key nothing can be tried; with a stray key (should never happen) every file must still fail.
  const key = env.vault.get(store.keyId)
  const unreadable = files.every((f) => {
    if (!key) return true
    try {
      unseal(key, f.sealed)
      return false
    } catch {
      return true
    }
  })
  return { storeGone, keyGone, filesUnreadable: unreadable }
}
