import type { AppInfo } from '../../../shared/ipc/contract'
import type { AuthService } from '../services/auth-service'
import type { LockService } from '../services/lock/lock-service'
import type { ExportService } from '../services/export/export-service'
import type { PrintService } from '../services/print/print-service'
import type { PersonService } from '../services/person-service'
import type { MasterService } from '../services/master-cache/master-service'
import type { AdminService } from '../services/admin-service'
import type { RetentionService } from '../services/retention-service'
import type { PremiumService } from '../services/premium-service'
import type { PremiumRecordsService } from '../services/premium-records-service'
import type { PensionExchangeService } from '../services/pension-exchange-service'
import type { PaymentIntakeService } from '../services/payment-intake-service'
import type { CollectionService } from '../services/collection-service'
import type { StatisticsService } from '../services/statistics-service'
import type { MigrationService } from '../services/migration-service'
import type { BenefitsService } from '../services/benefits-service'
import type { KokuhorenService } from '../services/kokuhoren-service'
import type { DunningService } from '../services/dunning-service'
import type { ArrearsService } from '../services/arrears-service'
import type { CertificationService } from '../services/certification-service'
import type { CertificationDecisionService } from '../services/certification-decision-service'
import type { IpcHandlers } from './router'

export interface HandlerServices {
  auth: AuthService
  persons: PersonService
  lock: LockService
  /** Export control (C-21, C-22). */
  exports: ExportService
  /** Printing (C-28). */
  printing: PrintService
  appInfo: Omit<AppInfo, 'serverMode' | 'insurerName'>
  /** Master cache. */
  masters: MasterService
  /** Administration: accounts, designations, audit analysis, security events. */
  admin: AdminService
  /** Retention and erasure (C-20). */
  retention: RetentionService
  /** 賦課 (premiums): intake, assessments, batches, the 保険料通知書 (printed through the print control). */
  premiums: PremiumService
  /** 口座・口座振替 (the 口座振替依頼 file through the export control) and 減免・徴収猶予. */
  premiumRecords: PremiumRecordsService
  /** 年金特別徴収: the files (server), the 対象者・結果 files from main's dialog, the 依頼 file (export control). */
  pensionExchange: PensionExchangeService
  /** 督促・不納欠損: the runs and the 延滞金 quote (server), the 督促状 (printed through the print control). */
  dunning: DunningService
  arrears: ArrearsService
  /** 要介護認定 intake: 申請, 認定調査, 主治医意見書, the clock board, 基本チェックリスト (passed to the server). */
  certification: CertificationService
  certificationDecision: CertificationDecisionService
  /** 消込: payment files, the work list and its decisions. */
  paymentIntake: PaymentIntakeService
  /** 収納台帳: the ledger, 窓口収納, 充当・還付, 収納状況 (server), the 還付通知書 and 収納状況 (print control). */
  collection: CollectionService
  /** 統計・報告: the 月報・年報, drill-downs, submissions (server), the Excel/PDF (export control). */
  statistics: StatisticsService
  migration: MigrationService
  /** 受給者・給付: the 受給者 record, 給付実績, 高額 初回申請, 償還払 (passed to the server). */
  benefits: BenefitsService
  /** 国保連連携: the 531 send and the work list (server), the file (export control), the 更新結果 (main's dialog). */
  kokuhoren: KokuhorenService
}

/** One handler per channel; each delegates to a main-process service. */
export function createIpcHandlers(services: HandlerServices): IpcHandlers {
  return {
    'app.info': async () => {
      const meta = await services.auth.serverMeta().catch(() => null)
      return { ...services.appInfo, serverMode: meta?.mode ?? null, insurerName: meta?.insurerName ?? null }
    },
    'auth.login': (req) => services.auth.login(req),
    'auth.verifyTotp': (req) => services.auth.verifyTotp(req.code),
    'auth.stepUp': (req) => services.auth.stepUp(req),
    'auth.logout': async () => {
      await services.auth.logout()
      return { ok: true as const }
    },
    'auth.currentUser': async () => services.auth.currentUser(),
    'person.search': (req) => services.persons.search(req),
    'person.summary': (req) => services.persons.summary(req.personId),
    'person.revealIndividualNumber': (req) => services.persons.revealIndividualNumber(req),
    'person.mailingAddresses': (req) => services.persons.eligibilityCall('person.mailingAddresses', req),
    'person.recordMailingAddress': (req) => services.persons.eligibilityCall('person.recordMailingAddress', req),
    'person.endMailingAddress': (req) => services.persons.eligibilityCall('person.endMailingAddress', req),
    'eligibility.history': (req) => services.persons.eligibilityHistory(req),
    'eligibility.runAge65Batch': (req) => services.persons.runAge65Batch(req),
    'eligibility.importResidentChanges': (req) => services.persons.importResidentChanges(req),
    'eligibility.issueInsuranceCard': (req) => services.persons.issueInsuranceCard(req),
    'eligibility.recordFacilityEvent': (req) =>
      services.persons.eligibilityCall('eligibility.recordFacilityEvent', req),
    'eligibility.acquireCategory2AtApplication': (req) =>
      services.persons.eligibilityCall('eligibility.acquireCategory2AtApplication', req),
    'eligibility.proposeCorrection': (req) => services.persons.eligibilityCall('eligibility.proposeCorrection', req),
    'eligibility.corrections': (req) => services.persons.eligibilityCall('eligibility.corrections', req),
    'eligibility.decideCorrection': (req) => services.persons.eligibilityCall('eligibility.decideCorrection', req),
    'eligibility.beginIntakeUpload': (req) => services.persons.eligibilityCall('eligibility.beginIntakeUpload', req),
    'eligibility.uploadIntakeChunk': (req) => services.persons.eligibilityCall('eligibility.uploadIntakeChunk', req),
    'eligibility.finishIntakeUpload': (req) => services.persons.eligibilityCall('eligibility.finishIntakeUpload', req),
    'eligibility.issueProvisionalCard': (req) => services.persons.issueProvisionalCard(req),
    'lock.status': async () => services.lock.status(),
    'lock.unlock': (req) => services.lock.unlock(req),
    'export.request': (req) => services.exports.request(req),
    'export.myRequests': () => services.exports.myRequests(),
    'export.pending': () => services.exports.pending(),
    'export.approve': (req) => services.exports.approve(req.requestId),
    'export.execute': (req) => services.exports.execute(req.requestId),
    'export.ledger': () => services.exports.ledger(),
    'print.printers': () => services.printing.printers(),
    'print.print': (req) => services.printing.print(req),
    'masters.status': async () => services.masters.status(),
    'masters.sync': async () => {
      await services.masters.syncNow()
      return services.masters.status()
    },
    'masters.search': async (req) => services.masters.search(req),
    'masters.premiumTable': async (req) => services.masters.premiumTable(req.fiscalYear),
    'masters.wardChanges': () => services.masters.wardChanges(),
    'masters.wardChange': (req) => services.masters.wardChange(req.id),
    'masters.proposeWardChange': (req) => services.masters.proposeWardChange(req),
    'masters.decideWardChange': (req) => services.masters.decideWardChange(req),
    'admin.users': () => services.admin.call('user.list', {}),
    'admin.createUser': (req) => services.admin.call('user.create', req),
    'admin.lockUser': (req) => services.admin.call('user.lock', req),
    'admin.unlockUser': (req) => services.admin.call('user.unlock', req),
    'admin.totpResets': () => services.admin.call('user.totpResetRequests', {}),
    'admin.requestTotpReset': (req) => services.admin.call('user.requestTotpReset', req),
    'admin.decideTotpReset': (req) => services.admin.call('user.decideTotpReset', req),
    'admin.designations': (req) => services.admin.call('designation.list', req),
    'admin.createDesignation': (req) => services.admin.call('designation.create', req),
    'admin.correctDesignation': (req) => services.admin.call('designation.correct', req),
    'admin.auditReport': (req) => services.admin.call('audit.report', req),
    'admin.printAuditReport': (req) => services.admin.printAuditReport(req),
    'admin.securityEvents': (req) => services.admin.call('security.events', req),
    'retention.runs': () => services.retention.call('retention.runs', {}),
    'retention.prepare': (req) => services.retention.call('retention.prepare', req),
    'retention.runPersons': (req) => services.retention.call('retention.runPersons', req),
    'retention.approve': (req) => services.retention.call('retention.approve', req),
    'retention.erase': (req) => services.retention.call('retention.erase', req),
    'retention.printReport': (req) => services.retention.printReport(req),
    'premiums.importResidentTax': (req) => services.premiums.call('premiums.importResidentTax', req),
    'premiums.assess': (req) => services.premiums.call('premiums.assess', req),
    'premiums.personAssessments': (req) => services.premiums.call('premiums.personAssessments', req),
    'premiums.batchDryRun': (req) => services.premiums.call('premiums.batchDryRun', req),
    'premiums.batchRuns': (req) => services.premiums.call('premiums.batchRuns', req),
    'premiums.batchRun': (req) => services.premiums.call('premiums.batchRun', req),
    'premiums.batchApprove': (req) => services.premiums.call('premiums.batchApprove', req),
    'premiums.batchReject': (req) => services.premiums.call('premiums.batchReject', req),
    'premiums.batchCommit': (req) => services.premiums.call('premiums.batchCommit', req),
    'premiums.noticeIssuances': (req) => services.premiums.call('premiums.noticeIssuances', req),
    'premiums.printNotice': (req) => services.premiums.printNotice(req),
    'premiums.noticeBatchCount': (req) => services.premiums.noticeBatchCount(req),
    'premiums.printNoticeBatch': (req) => services.premiums.printNoticeBatch(req),
    'premiumRecords.bankAccounts': (req) => services.premiumRecords.call('premiumRecords.bankAccounts', req),
    'premiumRecords.registerBankAccount': (req) =>
      services.premiumRecords.call('premiumRecords.registerBankAccount', req),
    'premiumRecords.changeBankAccount': (req) => services.premiumRecords.call('premiumRecords.changeBankAccount', req),
    'premiumRecords.stopDirectDebit': (req) => services.premiumRecords.call('premiumRecords.stopDirectDebit', req),
    'premiumRecords.directDebitDryRun': (req) => services.premiumRecords.call('premiumRecords.directDebitDryRun', req),
    'premiumRecords.directDebitFile': (req) => services.premiumRecords.call('premiumRecords.directDebitFile', req),
    'premiumRecords.directDebitApprove': (req) =>
      services.premiumRecords.call('premiumRecords.directDebitApprove', req),
    'premiumRecords.reductionApply': (req) => services.premiumRecords.call('premiumRecords.reductionApply', req),
    'premiumRecords.reductionWithdraw': (req) => services.premiumRecords.call('premiumRecords.reductionWithdraw', req),
    'premiumRecords.reductionDecide': (req) => services.premiumRecords.call('premiumRecords.reductionDecide', req),
    'premiumRecords.reductionQueue': (req) => services.premiumRecords.call('premiumRecords.reductionQueue', req),
    'premiumRecords.personReductions': (req) => services.premiumRecords.call('premiumRecords.personReductions', req),
    'premiumRecords.saveDirectDebitFile': (req) => services.premiumRecords.saveDirectDebitFile(req.requestId),
    'pensionExchange.files': (req) => services.pensionExchange.call('pensionExchange.files', req),
    'pensionExchange.importTargets': (req) => services.pensionExchange.importTargets(req),
    'pensionExchange.importResults': (req) => services.pensionExchange.importResults(req),
    'pensionExchange.exportRequests': (req) => services.pensionExchange.call('pensionExchange.exportRequests', req),
    'pensionExchange.approveFile': (req) => services.pensionExchange.call('pensionExchange.approveFile', req),
    'pensionExchange.saveFile': (req) => services.pensionExchange.saveFile(req.fileId),
    'paymentIntake.import': (req) => services.paymentIntake.call('paymentIntake.import', req),
    'paymentIntake.workList': (req) => services.paymentIntake.call('paymentIntake.workList', req),
    'paymentIntake.decide': (req) => services.paymentIntake.call('paymentIntake.decide', req),
    'paymentIntake.withholdingFiles': (req) => services.paymentIntake.call('paymentIntake.withholdingFiles', req),
    'paymentIntake.postWithholding': (req) => services.paymentIntake.call('paymentIntake.postWithholding', req),
    'collection.personLedger': (req) => services.collection.call('collection.personLedger', req),
    'collection.counterQuote': (req) => services.collection.call('collection.counterQuote', req),
    'collection.counterPayment': (req) => services.collection.call('collection.counterPayment', req),
    'collection.settleOverpayments': (req) => services.collection.call('collection.settleOverpayments', req),
    'collection.refundQueue': (req) => services.collection.call('collection.refundQueue', req),
    'collection.refundDecide': (req) => services.collection.call('collection.refundDecide', req),
    'collection.statusReport': (req) => services.collection.call('collection.statusReport', req),
    'collection.printRefundNotice': (req) => services.collection.printRefundNotice(req),
    'collection.printStatusReport': (req) => services.collection.printStatusReport(req),
    'statistics.monthlyReport': (req) => services.statistics.call('statistics.monthlyReport', req),
    'statistics.drillDown': (req) => services.statistics.call('statistics.drillDown', req),
    'statistics.submit': (req) => services.statistics.call('statistics.submit', req),
    'statistics.saveReportFile': (req) => services.statistics.saveReportFile(req),
    'statistics.annualReport': (req) => services.statistics.call('statistics.annualReport', req),
    'statistics.annualDrillDown': (req) => services.statistics.call('statistics.annualDrillDown', req),
    'statistics.annualSubmit': (req) => services.statistics.call('statistics.annualSubmit', req),
    'statistics.saveAnnualReportFile': (req) => services.statistics.saveAnnualReportFile(req),
    'statistics.extractTemplates': (req) => services.statistics.call('statistics.extractTemplates', req),
    'statistics.saveExtractTemplate': (req) => services.statistics.call('statistics.saveExtractTemplate', req),
    'statistics.runExtract': (req) => services.statistics.call('statistics.runExtract', req),
    'statistics.exportExtract': (req) => services.statistics.call('statistics.exportExtract', req),
    'migration.openExtract': () => services.migration.openExtract(),
    'migration.sendNextChunk': (req) => services.migration.sendNextChunk(req.extractId),
    'migration.finishExtract': (req) => services.migration.finishExtract(req.extractId),
    'migration.extracts': (req) => services.migration.call('migration.extracts', req),
    'migration.report': (req) => services.migration.call('migration.report', req),
    'migration.acceptReport': (req) => services.migration.call('migration.acceptReport', req),
    'migration.gaijiList': (req) => services.migration.call('migration.gaijiList', req),
    'migration.decideGaiji': (req) => services.migration.call('migration.decideGaiji', req),
    'migration.rehearsalDryRun': (req) => services.migration.call('migration.rehearsalDryRun', req),
    'migration.startRehearsal': (req) => services.migration.call('migration.startRehearsal', req),
    'migration.trialStores': (req) => services.migration.call('migration.trialStores', req),
    'migration.reconcile': (req) => services.migration.call('migration.reconcile', req),
    'migration.reconciliation': (req) => services.migration.call('migration.reconciliation', req),
    'migration.reconciliationReports': (req) => services.migration.call('migration.reconciliationReports', req),
    'migration.differenceRecords': (req) => services.migration.call('migration.differenceRecords', req),
    'migration.signOffReconciliation': (req) => services.migration.call('migration.signOffReconciliation', req),
    'migration.recordDecision': (req) => services.migration.call('migration.recordDecision', req),
    'migration.eraseTrialStore': (req) => services.migration.call('migration.eraseTrialStore', req),
    'recipients.overview': (req) => services.benefits.call('recipients.overview', req),
    'recipients.copayRedetermine': (req) => services.benefits.call('recipients.copayRedetermine', req),
    'recipients.carePlanNotify': (req) => services.benefits.call('recipients.carePlanNotify', req),
    'recipients.carePlanEnd': (req) => services.benefits.call('recipients.carePlanEnd', req),
    'benefits.personMonths': (req) => services.benefits.call('benefits.personMonths', req),
    'highCost.personStatus': (req) => services.benefits.call('highCost.personStatus', req),
    'highCost.registerApplication': (req) => services.benefits.call('highCost.registerApplication', req),
    'reimbursement.personApplications': (req) => services.benefits.call('reimbursement.personApplications', req),
    'reimbursement.register': (req) => services.benefits.call('reimbursement.register', req),
    'recipients.reductions': (req) => services.benefits.call('recipients.reductions', req),
    'recipients.reductionApply': (req) => services.benefits.call('recipients.reductionApply', req),
    'recipients.reductionDecide': (req) => services.benefits.call('recipients.reductionDecide', req),
    'recipients.printReliefCertificate': (req) => services.benefits.printReliefCertificate(req),
    'kokuhoren.sendDryRun': (req) => services.kokuhoren.call('kokuhoren.sendDryRun', req),
    'kokuhoren.sendDetail': (req) => services.kokuhoren.call('kokuhoren.sendDetail', req),
    'kokuhoren.sendList': (req) => services.kokuhoren.call('kokuhoren.sendList', req),
    'kokuhoren.sendApprove': (req) => services.kokuhoren.call('kokuhoren.sendApprove', req),
    'kokuhoren.sendReject': (req) => services.kokuhoren.call('kokuhoren.sendReject', req),
    'kokuhoren.sendCommit': (req) => services.kokuhoren.call('kokuhoren.sendCommit', req),
    'kokuhoren.saveSendFile': (req) => services.kokuhoren.saveSendFile(req.sendId),
    'kokuhoren.importUpdateResults': () => services.kokuhoren.importUpdateResults(),
    'kokuhoren.workList': (req) => services.kokuhoren.call('kokuhoren.workList', req),
    'kokuhoren.workItemResolve': (req) => services.kokuhoren.call('kokuhoren.workItemResolve', req),
    'dunning.dryRun': (req) => services.dunning.call('dunning.dryRun', req),
    'dunning.runs': (req) => services.dunning.call('dunning.runs', req),
    'dunning.run': (req) => services.dunning.call('dunning.run', req),
    'dunning.approve': (req) => services.dunning.call('dunning.approve', req),
    'dunning.reject': (req) => services.dunning.call('dunning.reject', req),
    'dunning.commit': (req) => services.dunning.call('dunning.commit', req),
    'dunning.lateChargeQuote': (req) => services.dunning.call('dunning.lateChargeQuote', req),
    'dunning.printNotices': (req) => services.dunning.printNotices(req),
    'arrears.workList': (req) => services.arrears.call('arrears.workList', req),
    'arrears.case': (req) => services.arrears.call('arrears.case', req),
    'arrears.recordContact': (req) => services.arrears.call('arrears.recordContact', req),
    'arrears.recordPlan': (req) => services.arrears.call('arrears.recordPlan', req),
    'arrears.endPlan': (req) => services.arrears.call('arrears.endPlan', req),
    'arrears.recordProperty': (req) => services.arrears.call('arrears.recordProperty', req),
    'arrears.restrictionStep': (req) => services.arrears.call('arrears.restrictionStep', req),
    'arrears.restrictionDecide': (req) => services.arrears.call('arrears.restrictionDecide', req),
    'arrears.printNotice': (req) => services.arrears.printNotice(req),
    'certification.apply': (req) => services.certification.call('certification.apply', req),
    'certification.closeCase': (req) => services.certification.call('certification.closeCase', req),
    'certification.holdCase': (req) => services.certification.call('certification.holdCase', req),
    'certification.cases': (req) => services.certification.call('certification.cases', req),
    'certification.case': (req) => services.certification.call('certification.case', req),
    'certification.assignSurvey': (req) => services.certification.call('certification.assignSurvey', req),
    'certification.scheduleSurvey': (req) => services.certification.call('certification.scheduleSurvey', req),
    'certification.saveSurveyDraft': (req) => services.certification.call('certification.saveSurveyDraft', req),
    'certification.submitSurvey': (req) => services.certification.call('certification.submitSurvey', req),
    'certification.survey': (req) => services.certification.call('certification.survey', req),
    'certification.recordReminder': (req) => services.certification.call('certification.recordReminder', req),
    'certification.requestOpinion': (req) => services.certification.call('certification.requestOpinion', req),
    'certification.receiveOpinion': (req) => services.certification.call('certification.receiveOpinion', req),
    'certification.opinion': (req) => services.certification.call('certification.opinion', req),
    'certification.clockBoard': (req) => services.certification.call('certification.clockBoard', req),
    'certification.caseWork': (req) => services.certification.call('certification.caseWork', req),
    'certification.recordChecklist': (req) => services.certification.call('certification.recordChecklist', req),
    'certification.endParticipation': (req) => services.certification.call('certification.endParticipation', req),
    'certification.personChecklists': (req) => services.certification.call('certification.personChecklists', req),
    'certification.importFirstDecisions': (req) =>
      services.certificationDecision.call('certification.importFirstDecisions', req),
    'certification.firstDecision': (req) => services.certificationDecision.call('certification.firstDecision', req),
    'certification.panels': (req) => services.certificationDecision.call('certification.panels', req),
    'certification.createPanel': (req) => services.certificationDecision.call('certification.createPanel', req),
    'certification.addBoardMember': (req) => services.certificationDecision.call('certification.addBoardMember', req),
    'certification.meetings': (req) => services.certificationDecision.call('certification.meetings', req),
    'certification.createMeeting': (req) => services.certificationDecision.call('certification.createMeeting', req),
    'certification.setExclusions': (req) => services.certificationDecision.call('certification.setExclusions', req),
    'certification.autoAssign': (req) => services.certificationDecision.call('certification.autoAssign', req),
    'certification.meeting': (req) => services.certificationDecision.call('certification.meeting', req),
    'certification.recordAttendance': (req) =>
      services.certificationDecision.call('certification.recordAttendance', req),
    'certification.recordDecision': (req) => services.certificationDecision.call('certification.recordDecision', req),
    'certification.decideTransferIn': (req) =>
      services.certificationDecision.call('certification.decideTransferIn', req),
    'certification.delayDrafts': (req) => services.certificationDecision.call('certification.delayDrafts', req),
    'certification.personCertifications': (req) =>
      services.certificationDecision.call('certification.personCertifications', req),
    'certification.recipientChanges': (req) =>
      services.certificationDecision.call('certification.recipientChanges', req),
    'certification.printNotice': (req) => services.certificationDecision.printNotice(req),
    'certification.printBoardPacket': (req) => services.certificationDecision.printBoardPacket(req),
    'certification.printMinutes': (req) => services.certificationDecision.printMinutes(req),
  }
}
