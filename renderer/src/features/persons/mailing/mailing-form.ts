import type { MailingAddressReason, RecordMailingAddressRequest } from '../../../../../shared/api/mailing-address'
import { datePartsToIso, emptyDateParts, optionalDate, type DateParts } from '../../../components/DatePartsField'

/** What the 送付先 form holds while it is typed. */
export interface MailingForm {
  recipientName: string
  careOf: string
  postalCode: string
  mailingAddress: string
  reason: MailingAddressReason
  note: string
  validFrom: DateParts
  validTo: DateParts
}

export const emptyMailingForm = (): MailingForm => ({
  recipientName: '',
  careOf: '',
  postalCode: '',
  mailingAddress: '',
  reason: 'facility',
  note: '',
  validFrom: emptyDateParts(),
  validTo: emptyDateParts(),
})

/**
 * The request of a typed form, or the first thing to correct (in Japanese, as the server would say it); the server
 * checks everything again.
 */
export function mailingRequestOf(
  f: MailingForm,
):
  | { ok: true; request: Omit<RecordMailingAddressRequest, 'personId' | 'idempotencyKey'> }
  | { ok: false; message: string } {
  if (!f.recipientName.trim()) return { ok: false, message: '送付先の宛名を入力してください' }
  if (!/^\d{3}-?\d{4}$/.test(f.postalCode.normalize('NFKC').trim()))
    return { ok: false, message: '郵便番号は7桁の数字（例: 160-0022）で入力してください' }
  if (!f.mailingAddress.trim()) return { ok: false, message: '送付先の住所を入力してください' }
  if (f.reason === 'other' && !f.note.trim())
    return { ok: false, message: '理由が「その他」のときは備考に理由を入力してください' }
  const validFrom = datePartsToIso(f.validFrom)
  if (!validFrom) return { ok: false, message: '有効期間の開始日を正しく入力してください（例: R 8 8 1）' }
  const validTo = optionalDate(f.validTo)
  if (validTo === 'invalid') return { ok: false, message: '有効期間の終了日を正しく入力してください' }
  if (validTo !== null && validTo < validFrom)
    return { ok: false, message: '有効期間の終了日は開始日以降の日付を指定してください' }
  return {
    ok: true,
    request: {
      recipientName: f.recipientName.trim(),
      ...(f.careOf.trim() ? { careOf: f.careOf.trim() } : {}),
      postalCode: f.postalCode.normalize('NFKC').trim(),
      mailingAddress: f.mailingAddress.trim(),
      reason: f.reason,
      ...(f.note.trim() ? { note: f.note.trim() } : {}),
      validFrom,
      ...(validTo ? { validTo } : {}),
    },
  }
}
