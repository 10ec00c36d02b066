import { defineConfig } from 'drizzle-kit'

/**
 * The one migration journal: every table of the core and of every business area, one folder (./drizzle), one
 * tracking table (drizzle's default, drizzle.__drizzle_migrations). A new area adds its schema file here.
 *   cd server && npx drizzle-kit generate --name <what>            (after a schema change)
 *   cd server && npx drizzle-kit generate --custom --name <what>   (hand-written SQL: triggers, functions, indexes)
 */
export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './src/core/db/schema.ts',
    './src/areas/persons/schema.ts',
    './src/areas/eligibility/schema.ts',
    './src/areas/eligibility/intake/schema.ts',
    './src/areas/forms/schema.ts',
    './src/areas/masters/schema.ts',
    './src/areas/export/schema.ts',
    './src/areas/retention/schema.ts',
    './src/areas/accounts/schema.ts',
    './src/areas/premiums/schema.ts',
    './src/areas/premiums/direct-debit/schema.ts',
    './src/areas/premiums/reductions/schema.ts',
    './src/areas/persons/mailing/schema.ts',
    './src/areas/premiums/notices/schema.ts',
    './src/areas/premiums/batches/schema.ts',
    './src/areas/premiums/pension-withholding/schema.ts',
    './src/areas/certification/cases/schema.ts',
    './src/areas/certification/surveys/schema.ts',
    './src/areas/certification/opinions/schema.ts',
    './src/areas/certification/checklist/schema.ts',
    './src/areas/certification/first-decision/schema.ts',
    './src/areas/certification/board/schema.ts',
    './src/areas/certification/results/schema.ts',
    './src/areas/collection/ledger/schema.ts',
    './src/areas/collection/arrears/schema.ts',
    './src/areas/collection/dunning/schema.ts',
    './src/areas/collection/payments/schema.ts',
    './src/areas/recipients/schema.ts',
    './src/areas/benefits/benefit-records/schema.ts',
    './src/areas/benefits/high-cost/schema.ts',
    './src/areas/kokuhoren/exchange/schema.ts',
    './src/areas/benefits/reimbursements/schema.ts',
    './src/areas/statistics/schema.ts',
    './src/areas/migration/schema.ts',
    './src/areas/migration/trial-store/schema.ts',
    './src/areas/migration/reconciliation/schema.ts',
    './src/areas/migration/cutover/schema.ts',
    './src/areas/migration/erasure/schema.ts',
  ],
  out: './drizzle',
})
