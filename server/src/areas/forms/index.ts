/** 帳票: insurance cards and provisional cards as PDF. */
export { cardRoutes } from './card-routes'
export { renderFormPdf, type FormPage } from './form-pdf'
