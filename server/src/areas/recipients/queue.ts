/** 受給者異動 rows for the certification area's queue, in the caller's transaction (change kinds: ./change-kinds). */
import type { IsoDate } from '../../../../shared/domain'
import type { Db, Tx } from '../../core/db/connect'
import { bulkInsertJson } from '../../core/db/bulk-insert'
import { recipientChangeQueue } from '../certification'
import type { RecipientChangeKind } from './change-kinds'

export interface QueuedChange {
  personId: number
  changeKind: RecipientChangeKind
  effectiveOn: IsoDate
  payload: Record<string, unknown>
}

export async function queueRecipientChanges(db: Db | Tx, changes: readonly QueuedChange[], today: IsoDate, now: Date) {
  await bulkInsertJson(
    db,
    recipientChangeQueue,
    changes.map((c) => ({ ...c, caseId: null, queuedOn: today, queuedAt: now, sentAt: null })),
  )
}
