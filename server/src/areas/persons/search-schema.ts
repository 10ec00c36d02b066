/**
 * The search migration stream (server/drizzle-search) owns no tables: its migrations are hand-written indexes over
 * the core tables (the address bigram index, see address-index.ts). drizzle-kit needs a schema file to read.
 */
export {}
