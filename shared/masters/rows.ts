/**
 * Building rows: a draft with a plain payload becomes a {@link MasterRow} whose payload is validated against the
 * dataset's schema and written as canonical JSON.
 */
import { MASTER_KEY_PATTERN, masterPayloadSchemas, type MasterDatasetName, type MasterRow } from './datasets'
import { canonicalJson } from './hash'

export interface MasterRowDraft {
  readonly key: string
  readonly validFrom: string | null
  readonly validTo: string | null
  readonly payload: unknown
}

/** Validates the payload of a draft against its dataset and returns the row with canonical JSON text. */
export function toMasterRow(dataset: MasterDatasetName, draft: MasterRowDraft): MasterRow {
  const parsed = masterPayloadSchemas[dataset].safeParse(draft.payload)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new RangeError(`${dataset} row ${draft.key}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`)
  }
  const dates = [draft.validFrom, draft.validTo].filter((d) => d !== null)
  if (!MASTER_KEY_PATTERN.test(draft.key) || dates.some((d) => !ISO_DATE.test(d))) {
    throw new RangeError(`${dataset} row ${draft.key}: invalid key or date`)
  }
  return { key: draft.key, validFrom: draft.validFrom, validTo: draft.validTo, payload: canonicalJson(parsed.data) }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
