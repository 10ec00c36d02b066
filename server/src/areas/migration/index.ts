/**
 * The データ移行 area (docs/migration.md): the legacy-extract codec and validation, the staging tables, the 外字
 * workbench, and the routes of section 1 (extract intake, validation report, 外字).
 */
export { migrationRoutes } from './migration-routes'
export { buildManifest, decodeExtractText, encodeText, formatGroupCsv, parseCsvText, sha256Of } from './extract/codec'
export type { ExtractEncoding } from './extract/codec'
export { validateExtract } from './extract/validate'
export type { ExtractValidation, Finding, GaijiOccurrence, StagedRow } from './extract/validate'
export { charactersOutside, gaijiCandidates, isAllowedCharacter } from './gaiji/allowed-set'
