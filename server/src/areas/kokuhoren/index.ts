/**
 * The 国保連 CSV codec — docs/interfaces/kokuhoren.md: the frame common to every file (F0), 受給者異動連絡票情報
 * 531 (F1, building) and 給付実績情報 (F3, reading), after docs/sources/interfaces.md §1 and §5. Pure: no database, no
 * routes; callers get bytes or typed records, or Japanese problems naming line, record, field and byte.
 */
export type { KokuhorenProblem, Result } from './problems'
export { problem } from './problems'
export type { ControlHeader, ControlRecord, DataRecord, Envelope, RecordToWrite } from './envelope'
export { buildEnvelope, parseEnvelope } from './envelope'
export type { CodeTable } from './codes'
export * as kokuhorenCodes from './codes'
export type { RecipientChangeNotice } from './recipient-change-layout'
export { RECIPIENT_CHANGE_EXCHANGE_ID, recipientChangeLayout } from './recipient-change-layout'
export type { CopayRatePeriod, ReadRecipientChangeNotice, RecipientChangeFileHeader } from './recipient-change-notice'
export {
  RECIPIENT_CHANGE_DATA_KIND,
  buildRecipientChangeFile,
  copayRateFields,
  parseRecipientChangeFile,
} from './recipient-change-notice'
export type {
  BenefitBasicRecord,
  BenefitDetailRecord,
  BenefitRecordKey,
  DetailFigures,
  Payer,
  PayerAmounts,
} from './benefit-record-layout'
export { benefitBasicLayout, benefitDetailLayout, typedBenefitExchangeIds } from './benefit-record-layout'
export type { BenefitRecord, BenefitRecordFile, RawBenefitRecord } from './benefit-records'
export { BENEFIT_RECORD_DATA_KIND, parseBenefitRecordFile } from './benefit-records'
export type { FieldSpec, FieldType } from './layout'
export type { ReadRecord, RecordFileHeader, RecordFileKind } from './record-file'
export { buildRecordFile, composeLayout, parseRecordFile } from './record-file'
export type {
  MatchingResultRecord,
  RecipientCorrectionNotice,
  RecipientItems,
  RecipientMatchingRecord,
  UpdateResultRecord,
} from './recipient-records'
export {
  MATCHING_RESULT_DATA_KIND,
  RECIPIENT_CORRECTION_DATA_KIND,
  RECIPIENT_MATCHING_DATA_KIND,
  UPDATE_RESULT_DATA_KIND,
  buildMatchingResultFile,
  buildRecipientCorrectionFile,
  buildRecipientMatchingFile,
  buildUpdateResultFile,
  errorCodesOf,
  explainErrorCode,
  matchingResultLayout,
  parseMatchingResultFile,
  parseRecipientCorrectionFile,
  parseRecipientMatchingFile,
  parseUpdateResultFile,
  recipientCorrectionLayout,
  recipientItemKeys,
  recipientItemLabel,
  recipientMatchingLayout,
  updateResultLayout,
} from './recipient-records'
// The exchange of the 受給者台帳 (docs/kokuhoren-exchange.md): the monthly 531 send and the 更新結果 work list.
export { kokuhorenExchangeRoutes } from './exchange/exchange-routes'
