/** 保険料通知書: the 決定・変更通知書 and 納付書 as PDF, batch printing, and the issuance ledger. */
export { noticeRoutes } from './notice-routes'
export { issueNotices, noticeMastersOn, personIssuances } from './issue'
