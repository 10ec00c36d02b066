/**
 * 受給者管理 (recipients): 負担割合 (yearly determination and re-determination, 負担割合証), 負担限度額認定 (補足給付,
 * 負担限度額認定証), 減免 and 居宅サービス計画作成依頼届出. Other areas import only this file or schema.ts.
 */
export {
  carePlanOfficesOf,
  copayRatePeriodsOf,
  copayReductionsOf,
  reliefCertificationsOf,
  type CarePlanOfficePeriod,
  type CopayRatePeriod,
  type CopayReductionPeriod,
  type ReliefCertificationPeriod,
} from './periods'
export { RECIPIENT_CHANGE_KINDS, type RecipientChangeKind } from './change-kinds'
export { recipientRoutes } from './recipient-routes'
