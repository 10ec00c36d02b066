/**
 * shared/domain — the rules of 介護保険 as a pure, dated library. See docs/domain.md.
 */

// Dates
export type { IsoDate, CivilDate } from './dates'
export {
  InvalidDateError,
  addDays,
  ageAttainmentDate,
  ageOn,
  dayNumber,
  daysBetween,
  endOfMonth,
  fiscalYearOf,
  fiscalYearStart,
  fromDayNumber,
  isLeapYear,
  isValidIsoDate,
  parseIsoDate,
  periodEndByMonths,
  toIsoDate,
  todayInJapan,
} from './dates'
export { formatWareki, parseJapaneseDate } from './wareki'

// Eligibility
export type { LossEvent } from './eligibility'
export {
  category1AcquisitionDate,
  category2AcquisitionDate,
  excludedFacilitiesOn,
  isExcludedFacility,
  isResidenceExceptionFacility,
  liableMonths,
  lossDate,
  residenceExceptionFacilitiesOn,
} from './eligibility'

// Premium
export type { PensionIncomeBand, PremiumStageInput, RoundingRule, StageTable, TotalIncomeBand } from './premium'
export {
  annualPremium,
  directPaymentInstallments,
  finalWithholdingAmounts,
  nationalStandardStageTable,
  premiumStage,
  proratedPremium,
  shinjukuProvisionalStageTable,
} from './premium'
export type { HouseholdMemberTax, HouseholdTaxStatus } from './household-tax'
export { householdTaxStatus } from './household-tax'
export type {
  IncomeFigures,
  InstallmentPlan,
  InstallmentSlot,
  InsuredPeriod,
  PlannedInstallment,
  PremiumIncomes,
  StageInterval,
  StatusPeriod,
  YearAssessment,
  YearAssessmentInput,
} from './premium-assessment'
export {
  assessPremiumYear,
  assessmentRightEndDate,
  assessmentRightStartingPoint,
  directPaymentSchedule,
  liableMonthOffsets,
  planInstallments,
  premiumIncomes,
  statusHoldsInMonth,
} from './premium-assessment'
export type {
  CollectionInput,
  CollectionKind,
  CollectionPlan,
  PensionPaymentSlot,
  ProvisionalInput,
  ProvisionalPlan,
  WithholdingStatus,
  WithholdingTarget,
} from './special-withholding'
export {
  canWithholdIn,
  pensionPaymentSchedule,
  pensionPerPayment,
  planCollection,
  provisionalWithholding,
  specialWithholdingStatus,
  withholdingPensionThreshold,
} from './special-withholding'
export type { ProvisionalWithoutFebruary, WithholdingSettings } from './parameters/withholding'
export {
  PENSION_PAYMENT_DAY,
  PENSION_PAYMENT_MONTHS,
  PENSION_PAYMENTS_PER_YEAR,
  SHINJUKU_WITHHOLDING,
  SPECIAL_WITHHOLDING_PENSION_THRESHOLD,
  WITHHOLDING_START_MONTHS,
} from './parameters/withholding'
export type { LateChargeInput } from './collection'
export { lateCharge, limitationEndDate } from './collection'

// Arrears
export type { BenefitRestrictionLevel } from './arrears'
export { benefitReductionMonths, benefitRestrictionLevel, reducedCopayRate } from './arrears'

// Benefits
export type { CopayRateInput, FacilityReliefDailyAmounts, FacilityReliefStageInput, HighCostCapInput } from './benefits'
export {
  copayRate,
  facilityReliefDailyAmounts,
  facilityReliefStage,
  highCostCap,
  monthlyBenefitCap,
  serviceCost,
  splitCost,
  unitPrice,
} from './benefits'
export type { CopayHouseholdMember, CopayIncomeRecord, CopayYear } from './copay-determination'
export { copayInputOf, copayJudgementIncomes, copayYear, copayYearOf, householdCopayRates } from './copay-determination'
export { COPAY_INCOME_DEDUCTION, type CopayIncomeDeduction } from './parameters/copay-determination'

// Certification
export type {
  ApplicationKind,
  CareLevelFactors,
  ChecklistOptions,
  DementiaIndependence,
  ValidityPeriodInput,
} from './certification'
export {
  basicChecklistResult,
  careLevelFromMinutes,
  decisionDeadline,
  maxValidityMonths,
  renewalApplicationOpens,
  validityPeriod,
} from './certification'
export type { ItemChoice, SurveyAnswers, SurveyWarning, SurveyWarningRule } from './certification-survey-lint'
export {
  FREQUENCY_NOTE_ITEMS,
  MISSING_FREQUENCY_NOTE,
  SURVEY_WARNING_RULES,
  lintSurvey,
  specialNoteWarnings,
  surveyWarnings,
  warningArrayCode,
  warningMessage,
} from './certification-survey-lint'
export type {
  CaseClock,
  CaseEvents,
  CaseKind,
  CaseStage,
  ClockStatus,
  DelayNoticeDecision,
  DelayNoticeSent,
  DelayReason,
  LeadTimeSummary,
  StageLeadTimes,
  StageState,
} from './certification-clock'
export {
  DELAY_REASONS,
  addBusinessDays,
  caseClock,
  caseEventProblems,
  delayNoticeDecision,
  isWardBusinessDay,
  leadTimeSummary,
  opinionReminderDue,
  predictedNoticeOn,
  renewalDue,
  stageDue,
  stageLeadTimes,
  stagePlan,
} from './certification-clock'
export type {
  AssignmentResult,
  BoardAssignment,
  BoardCase,
  BoardDecisionInput,
  BoardMeeting,
  BoardMember,
  BoardResultCode,
  SimplifiedReviewInput,
  Vote,
} from './certification-board'
export {
  BOARD_RESULT_CODES,
  STATE_EXAMPLES,
  assignCases,
  boardDecisionProblems,
  certifies,
  excludedMembers,
  memberTermEnd,
  panelProblems,
  quorumMet,
  quorumOf,
  simplifiedReviewEligible,
  transferInWithoutBoard,
  validityAdjustment,
  voteOutcome,
} from './certification-board'

// Numbers
export { checkDigit } from './numbers'

// Parameters (dated tables and ward defaults)
export type { Versioned } from './versioned'
export { ParameterNotFoundError, valueAt, versionAt } from './versioned'
export type { BenefitLevel, FacilityReliefStage, PersonnelRatio, RoomType } from './parameters/benefits'
export type { CareLevel } from './parameters/certification'
export type { StageRate } from './parameters/premium'
export type { InstallmentRule, LateChargeMethod, LateChargeRate, RemainderPlacement } from './parameters/shinjuku'
export {
  DEFAULT_BENEFIT_REDUCTION_ROUNDING,
  DEFAULT_CHECKLIST_COUNTS_DEPRESSION,
  SHINJUKU_BASE_PREMIUM,
  SHINJUKU_DIRECT_PAYMENT,
  SHINJUKU_FINAL_WITHHOLDING,
  SHINJUKU_INSURER_NUMBER,
  SHINJUKU_LATE_CHARGE_METHOD,
  SHINJUKU_LATE_CHARGE_RATES,
  SHINJUKU_PREMIUM_ROUNDING,
  SHINJUKU_REGION_GRADE,
  SHINJUKU_STAGE_COUNT,
  SHINJUKU_UNVERIFIED,
} from './parameters/shinjuku'
export {
  COPAY_THRESHOLDS,
  FACILITY_RELIEF_AMOUNTS,
  FACILITY_RELIEF_THRESHOLDS,
  HIGH_COST_CAPS,
  MONTHLY_BENEFIT_CAPS,
  RELIEF_PENSION_INCOME_BOUNDARY,
  UNIT_PRICE_RATIOS,
} from './parameters/benefits'
export {
  ASSESSMENT_RIGHT_MONTHS,
  NATIONAL_STANDARD_STAGES,
  PENSION_INCOME_BOUNDARY,
  PREMIUM_INCOME_DEDUCTION,
} from './parameters/premium'
export { VALIDITY_LIMITS } from './parameters/certification'
export type {
  BoardRules,
  DayCount,
  DelayNoticeRules,
  StageTarget,
  StageTargets,
  StandardValidity,
} from './parameters/certification'
export {
  BOARD_RULES,
  CLOCK_AT_RISK_DAYS_BEFORE,
  DELAY_NOTICE_RULES,
  SIMPLIFIED_REVIEW,
  STAGE_TARGETS,
  STANDARD_VALIDITY_MONTHS,
  TRANSFER_IN_APPLICATION_DAYS,
} from './parameters/certification'
export { CATEGORY1_AGE, CATEGORY2_AGE } from './parameters/eligibility'
export type {
  ExcludedFacilityKind,
  ResidenceExceptionFacilityKind,
  ResidenceExceptionFacilityList,
  ResidenceExceptionNotCoveredKind,
} from './parameters/facilities'
export {
  EXCLUDED_FACILITIES,
  EXCLUDED_FACILITY_KINDS,
  RESIDENCE_EXCEPTION_FACILITIES,
  RESIDENCE_EXCEPTION_FACILITY_KINDS,
  RESIDENCE_EXCEPTION_NOT_COVERED_KINDS,
} from './parameters/facilities'

// 支援措置 (address protection)
export type { SupportMeasureResident } from './support-measure'
export { addressProtectionAmong, isAddressProtected, supportMeasureAddressKey } from './support-measure'

// Retention (control C-20)
export { isPastRetention, retentionEndDate, retentionRule } from './retention'
export type { RetentionKind, RetentionReference, RetentionRule } from './parameters/retention'
export { RETENTION_PERIODS, retentionKindLabels, retentionKinds } from './parameters/retention'
