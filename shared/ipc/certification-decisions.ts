import { z } from 'zod'
import * as d from '../api/certification-decisions'
import { Empty$, Ok$ } from '../api/primitives'

const Printer$ = z.string().min(1).max(256)

export const PrintDecisionNoticeRequest$ = d.IssueDecisionNoticeRequest$.extend({ printer: Printer$ }).strict()
export type PrintDecisionNoticeRequest = z.input<typeof PrintDecisionNoticeRequest$>
export const PrintMeetingDocumentRequest$ = d.MeetingQuery$.extend({ printer: Printer$ }).strict()
export type PrintMeetingDocumentRequest = z.input<typeof PrintMeetingDocumentRequest$>
export const PrintedCertificationDocument$ = z
  .object({ title: z.string(), printer: z.string(), number: z.number().int().nullable() })
  .strict()
export type PrintedCertificationDocument = z.infer<typeof PrintedCertificationDocument$>

/**
 * The 要介護認定 decision channels (one per operation, named like the server route): the 審査会事務局 work and the
 * decision are passed to the server as they are (it checks the permission and audits). The PDFs (通知書, 審査会資料,
 * 議事録) are fetched by main and handed to the print control (C-28): they never reach the renderer.
 */
export const certificationDecisionIpcChannels = {
  'certification.importFirstDecisions': { req: d.FirstDecisionImportRequest$, res: d.FirstDecisionImportResult$ },
  'certification.firstDecision': { req: d.CaseQuery$, res: d.FirstDecisionOf$ },
  'certification.panels': { req: Empty$, res: d.Panels$ },
  'certification.createPanel': { req: d.CreatePanelRequest$, res: d.Panel$ },
  'certification.addBoardMember': { req: d.AddBoardMemberRequest$, res: d.BoardMember$ },
  'certification.meetings': { req: d.MeetingsQuery$, res: d.Meetings$ },
  'certification.createMeeting': { req: d.CreateMeetingRequest$, res: d.Meeting$ },
  'certification.setExclusions': { req: d.CaseExclusionRequest$, res: Ok$ },
  'certification.autoAssign': { req: d.AutoAssignRequest$, res: d.AutoAssignResult$ },
  'certification.meeting': { req: d.MeetingQuery$, res: d.MeetingDetail$ },
  'certification.recordAttendance': { req: d.AttendanceRequest$, res: d.MeetingDetail$ },
  'certification.recordDecision': { req: d.RecordDecisionRequest$, res: d.Decision$ },
  'certification.decideTransferIn': { req: d.TransferInDecisionRequest$, res: d.Decision$ },
  'certification.delayDrafts': { req: Empty$, res: d.DelayDrafts$ },
  'certification.personCertifications': { req: d.PersonQuery$, res: d.PersonCertifications$ },
  'certification.recipientChanges': { req: Empty$, res: d.RecipientChangeQueue$ },
} as const

/** The decision routes main passes through. */
export type CertificationDecisionPassThrough = keyof typeof certificationDecisionIpcChannels

/** The prints main makes from the server's PDFs. */
export const certificationPrintIpcChannels = {
  'certification.printNotice': { req: PrintDecisionNoticeRequest$, res: PrintedCertificationDocument$ },
  'certification.printBoardPacket': { req: PrintMeetingDocumentRequest$, res: PrintedCertificationDocument$ },
  'certification.printMinutes': { req: PrintMeetingDocumentRequest$, res: PrintedCertificationDocument$ },
} as const
