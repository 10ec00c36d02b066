import { defineConfig } from 'drizzle-kit'

// The export-control migration stream (issue 5): its own folder and tracking table, applied after the core
// stream (server/src/db/connect.ts). Generate with:
//   cd server && npx drizzle-kit generate --config drizzle-export.config.ts --name <what>
// eslint-disable-next-line no-restricted-syntax -- drizzle-kit reads the default export
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/areas/export/schema.ts',
  out: './drizzle-export',
  migrations: { table: '__drizzle_migrations_export' },
})
