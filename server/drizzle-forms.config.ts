import { defineConfig } from 'drizzle-kit'

// The forms migration stream (issue 7 §6: the 資格者証 ledger): its own folder and tracking table, applied after
// the eligibility stream (server/src/db/connect.ts). The 被保険者証 ledger stays in the eligibility stream.
// Generate with:
//   cd server && npx drizzle-kit generate --config drizzle-forms.config.ts --name <what>
// eslint-disable-next-line no-restricted-syntax -- drizzle-kit reads the default export
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/areas/forms/provisional-card-schema.ts'],
  out: './drizzle-forms',
  migrations: { table: '__drizzle_migrations_forms' },
})
