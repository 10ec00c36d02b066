/**
 * The 賦課 (premiums) area: the 住民税課税情報 intake, the assessment of a person's fiscal year (賦課基本 versions with
 * their 期割), and the codec of the pension-withholding files (docs/sources/interfaces.md §2).
 */
export * from './pension-withholding'
export { premiumRoutes } from './premium-routes'
export { assessPersonYear, loadAssessments } from './assessment'
