import { defineConfig } from 'drizzle-kit'

// The master-data migration stream (issue 6): its own folder and tracking table, applied after the core stream
// (server/src/db/connect.ts). Generate with:
//   cd server && npx drizzle-kit generate --config drizzle-masters.config.ts --name <what>
// eslint-disable-next-line no-restricted-syntax -- drizzle-kit reads the default export
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/areas/masters/schema.ts',
  out: './drizzle-masters',
  migrations: { table: '__drizzle_migrations_masters' },
})
