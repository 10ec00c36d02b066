/**
 * The 賦課 (premiums) area: the 住民税課税情報 intake, the assessment of a person's fiscal year (賦課基本 versions with
 * their 期割), and the codec of the pension-withholding files (docs/sources/interfaces.md §2).
 */
export * from './pension-withholding'
export * from './pension-withholding/exchange'
export { premiumRoutes } from './premium-routes'
export { bankAccountRevisions, directDebitRoutes, zenginName } from './direct-debit'
export { noticeRoutes } from './notices'
/** The A4 notice drawing (pdf-lib, IPAexゴシック) other areas' notices reuse (collection's 督促状). */
export { NoticePdf, type AddressBlock, type NoticePageModel } from './notices/notice-pdf'
export { premiumBatchRoutes } from './batches'
export { reductionRoutes } from './reductions'
export { assessPersonYear, loadAssessments } from './assessment'
