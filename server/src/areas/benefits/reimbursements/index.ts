export * from './schema'
export { reimbursementRoutes } from './reimbursement-routes'
export { applicationView, decideReimbursement, registerReimbursement } from './applications'
export { reimbursementNoticePdf } from './notice-pdf'
