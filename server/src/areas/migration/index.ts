/**
 * The データ移行 area (docs/migration.md): the legacy-extract codec and validation, the staging tables, the 外字
 * workbench, the routes of section 1 (extract intake, validation report, 外字) and of section 2 (仮移行 into an
 * isolated trial store, 突合, its sign-off, 移行判定, erasure with the 消去報告書).
 */
export { migrationRoutes } from './migration-routes'
export { migrationRehearsalRoutes } from './rehearsal-routes'
export { FileKeyVault, MemoryKeyVault, type TrialKeyVault } from './trial-store/keys'
export { pgliteTrialStores, postgresTrialStores, type TrialStoreProvider } from './trial-store/store'
export type { TrialEnvironment } from './trial-store/trial-stores'
export { buildManifest, decodeExtractText, encodeText, formatGroupCsv, parseCsvText, sha256Of } from './extract/codec'
export type { ExtractEncoding } from './extract/codec'
export { validateExtract } from './extract/validate'
export type { ExtractValidation, Finding, GaijiOccurrence, StagedRow } from './extract/validate'
export { charactersOutside, gaijiCandidates, isAllowedCharacter } from './gaiji/allowed-set'
