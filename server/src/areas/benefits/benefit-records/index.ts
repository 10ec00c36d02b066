export * from './schema'
export {
  benefitClaimsOf,
  benefitMonthsOf,
  benefitsByServiceType,
  type BenefitClaim,
  type BenefitMonth,
  type BenefitsByServiceType,
} from './reads'
export { benefitRecordRoutes } from './benefit-record-routes'
export {
  claimAmounts,
  claimKeyOf,
  importBenefitRecordFile,
  readBenefitRecordFile,
  recordKeyOf,
  type BenefitImportResult,
  type BenefitRecordFileInput,
} from './import'
