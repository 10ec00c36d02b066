/**
 * The 受給者・給付 area (docs/benefits.md): 給付実績 in (benefit-records/), 高額介護サービス費 (high-cost/), 償還払
 * (reimbursements/). Its public face for the composition root and other areas; each sub-folder adds its export lines
 * here. The sub-folders import one another's index (never this file).
 */
export * from './benefit-records'
export * from './high-cost'
export * from './reimbursements'
