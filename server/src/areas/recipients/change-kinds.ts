/**
 * The change_kind values this area writes into the certification area's recipient_change_queue (受給者異動連絡票):
 * one row per change, in the same transaction as the change. payload = { periodId, validFrom, validTo, … } of the
 * new period (see docs/recipients.md).
 */
export const RECIPIENT_CHANGE_KINDS = {
  /** 負担割合 decided or re-determined: payload { ratio, validFrom, validTo, reason }. */
  copayRatio: 'copayRatio',
  /** 負担限度額認定 approved: payload { certificationId, stage, validFrom, validTo }. */
  reliefCertification: 'reliefCertification',
  /** 減免 approved: payload { reductionId, kind, ratePercent, validFrom, validTo }. */
  copayReduction: 'copayReduction',
  /** 居宅サービス計画作成依頼届出 recorded or ended: payload { notificationId, planKind, providerNumber, validFrom, validTo }. */
  carePlanOffice: 'carePlanOffice',
} as const

export type RecipientChangeKind = (typeof RECIPIENT_CHANGE_KINDS)[keyof typeof RECIPIENT_CHANGE_KINDS]
