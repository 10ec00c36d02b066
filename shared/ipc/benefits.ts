import { z } from 'zod'
import { RecordId$ } from '../api/primitives'
import { PersonBenefitMonths$, PersonBenefitMonthsQuery$ } from '../api/benefits'
import {
  HighCostApplication$,
  HighCostApplicationRequest$,
  PersonHighCost$,
  PersonHighCostQuery$,
} from '../api/high-cost'
import {
  CarePlanEndRequest$,
  CarePlanNotification$,
  CarePlanNotifyRequest$,
  CopayRedetermineRequest$,
  CopayRedetermineResult$,
  CopayReduction$,
  DecideRequest$,
  RecipientOverview$,
  RecipientQuery$,
  RecipientReductions$,
  ReductionApplyRequest$,
  ReliefCertificateRequest$,
} from '../api/recipients'
import {
  PersonReimbursements$,
  PersonReimbursementsQuery$,
  ReimbursementApplication$,
  ReimbursementApplicationRequest$,
} from '../api/reimbursements'

/**
 * The 負担限度額認定証 print: main fetches the PDF from the server (recipients.reliefCertificate, which records the
 * issue) and sends it to an allowlisted printer (control C-28) as the other issued forms are; the renderer names the
 * certification, the person it shows it for (the print row's person — the server's answer names none) and the
 * printer, and gets the outcome back, never the PDF.
 */
export const PrintReliefCertificateRequest$ = ReliefCertificateRequest$.extend({
  personId: RecordId$,
  printer: z.string().min(1).max(256),
}).strict()
export type PrintReliefCertificateRequest = z.input<typeof PrintReliefCertificateRequest$>
export const PrintedReliefCertificate$ = z.object({ title: z.string(), printer: z.string() }).strict()
export type PrintedReliefCertificate = z.infer<typeof PrintedReliefCertificate$>

/**
 * The 受給者・給付 channels of the person view's 給付 panel (one per operation), passed to the server route of the
 * same name as they are — it checks the permission and 支援措置 (loadPerson), and audits every read and write:
 * the person's 受給者 record (負担割合, 負担限度額認定, 減免, 居宅届出), the 給付実績 by サービス提供年月 against the
 * 区分支給限度基準額, the 負担割合 re-determined from a date (更正・世帯異動), the 居宅サービス計画作成依頼届出 recorded
 * or ended (the term a 国保連 更新結果 error is corrected with), the 高額介護サービス費 初回申請, and the
 * 償還払 application registered or read back by its number, and the 減免 of the person read, applied for and decided
 * (監督者, step-up, four eyes on the server) — except the 負担限度額認定証 print, which is main's own.
 * contract.ts spreads these into `ipcChannels`; channels.ts lists the same names.
 */
export const benefitsIpcChannels = {
  'recipients.overview': { req: RecipientQuery$, res: RecipientOverview$ },
  'recipients.copayRedetermine': { req: CopayRedetermineRequest$, res: CopayRedetermineResult$ },
  'recipients.carePlanNotify': { req: CarePlanNotifyRequest$, res: CarePlanNotification$ },
  'recipients.carePlanEnd': { req: CarePlanEndRequest$, res: CarePlanNotification$ },
  'benefits.personMonths': { req: PersonBenefitMonthsQuery$, res: PersonBenefitMonths$ },
  'highCost.personStatus': { req: PersonHighCostQuery$, res: PersonHighCost$ },
  'highCost.registerApplication': { req: HighCostApplicationRequest$, res: HighCostApplication$ },
  'reimbursement.personApplications': { req: PersonReimbursementsQuery$, res: PersonReimbursements$ },
  'reimbursement.register': { req: ReimbursementApplicationRequest$, res: ReimbursementApplication$ },
  'recipients.reductions': { req: RecipientQuery$, res: RecipientReductions$ },
  'recipients.reductionApply': { req: ReductionApplyRequest$, res: CopayReduction$ },
  'recipients.reductionDecide': { req: DecideRequest$, res: CopayReduction$ },
  'recipients.printReliefCertificate': { req: PrintReliefCertificateRequest$, res: PrintedReliefCertificate$ },
} as const

/** The routes main passes through (their IPC channel has the same name as the server route). */
export type BenefitsPassThrough = Exclude<keyof typeof benefitsIpcChannels, 'recipients.printReliefCertificate'>
