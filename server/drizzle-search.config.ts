import { defineConfig } from 'drizzle-kit'

// The search migration stream (issue 7 §1: indexes of the person search that the core tables do not carry
// themselves). Hand-written SQL only (no tables of its own), so its snapshots stay empty. Add a migration with:
//   cd server && npx drizzle-kit generate --config drizzle-search.config.ts --custom --name <what>
// eslint-disable-next-line no-restricted-syntax -- drizzle-kit reads the default export
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/areas/persons/search-schema.ts'],
  out: './drizzle-search',
  migrations: { table: '__drizzle_migrations_search' },
})
