import { defineConfig } from 'drizzle-kit'

// The eligibility migration stream (issue 7: history, intake, card issuances): its own folder and tracking table,
// applied after the core stream (server/src/db/connect.ts). Generate with:
//   cd server && npx drizzle-kit generate --config drizzle-eligibility.config.ts --name <what>
// eslint-disable-next-line no-restricted-syntax -- drizzle-kit reads the default export
export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './src/areas/eligibility/schema.ts',
    './src/areas/eligibility/intake/schema.ts',
    './src/areas/forms/schema.ts',
  ],
  out: './drizzle-eligibility',
  migrations: { table: '__drizzle_migrations_eligibility' },
})
