import { z } from 'zod'
import { FileEncoding$, FileImportProblem$, fileImportResultShape } from '../api/file-import'
import { IdempotencyKey$, RecordId$ } from '../api/primitives'

/**
 * 住基異動 intake: the daily change file from the resident-registry system. Layout and rules in
 * docs/interfaces/resident-registry.md. ⚠️ The layout is this project's own (after docs/sources/interfaces.md §3.2), to be
 * replaced by the national 機能別連携仕様 once obtained: the column table below is the only place to change.
 */
export const residentChangeKinds = [
  'moveIn',
  'birth',
  'addressChange',
  'nameChange',
  'householdChange',
  'moveOut',
  'death',
  // 住所地特例関連 (docs/sources/domain.md §2.4) and 適用除外施設 (§2.5).
  'residenceExceptionStart',
  'residenceExceptionChange',
  'residenceExceptionEnd',
  'excludedFacilityEntry',
  'excludedFacilityExit',
] as const
export type ResidentChangeKind = (typeof residentChangeKinds)[number]

/** 異動事由コード (⚠️ own definition) → kind, and the Japanese name staff see. */
export const residentChangeCodes: Record<string, { kind: ResidentChangeKind; label: string }> = {
  '10': { kind: 'moveIn', label: '転入' },
  '11': { kind: 'birth', label: '出生' },
  '20': { kind: 'addressChange', label: '転居' },
  '21': { kind: 'nameChange', label: '氏名変更' },
  '22': { kind: 'householdChange', label: '世帯変更' },
  '30': { kind: 'moveOut', label: '転出' },
  '31': { kind: 'death', label: '死亡' },
  '40': { kind: 'residenceExceptionStart', label: '住所地特例開始' },
  '41': { kind: 'residenceExceptionChange', label: '住所地特例変更' },
  '42': { kind: 'residenceExceptionEnd', label: '住所地特例終了' },
  '50': { kind: 'excludedFacilityEntry', label: '適用除外施設入所' },
  '51': { kind: 'excludedFacilityExit', label: '適用除外施設退所' },
}

/**
 * The columns, in file order, with their Japanese names for the report. A header line with these names is required,
 * except the 施設 columns (`inHeader: 'optional'`), added for 住所地特例関連 and 適用除外施設 records: files without
 * them stay valid as long as they carry no such record.
 */
export const residentChangeColumns = [
  { name: 'record_id', label: '連携レコードID', required: true },
  { name: 'operation', label: '処理区分', required: true },
  { name: 'atena_no', label: '宛名番号', required: true },
  { name: 'setai_no', label: '世帯番号', required: true },
  { name: 'ido_jiyu_code', label: '異動事由コード', required: true },
  { name: 'ido_jiyu_name', label: '異動事由名称', required: false },
  { name: 'ido_date', label: '異動年月日', required: true },
  { name: 'todokede_date', label: '届出年月日', required: true },
  { name: 'shori_datetime', label: '処理日時', required: true },
  { name: 'name', label: '氏名', required: false },
  { name: 'name_kana', label: 'フリガナ', required: false },
  { name: 'birth_date', label: '生年月日', required: false },
  { name: 'sex', label: '性別', required: false },
  { name: 'zokugara', label: '続柄', required: false },
  { name: 'zip', label: '郵便番号', required: false },
  { name: 'address', label: '住所', required: false },
  { name: 'tenshutsu_saki_addr', label: '転出先住所', required: false },
  { name: 'tenshutsu_saki_jumin_date', label: '転出先住所を有するに至った日', required: false },
  { name: 'shisetsu_shubetsu', label: '施設種別', required: false, inHeader: 'optional' },
  { name: 'shisetsu_name', label: '施設名称', required: false, inHeader: 'optional' },
  { name: 'shisetsu_shozai', label: '施設所在市町村', required: false, inHeader: 'optional' },
] as const
export type ResidentChangeColumn = (typeof residentChangeColumns)[number]['name']

export const IntakeEncoding$ = FileEncoding$

export const IntakeRequest$ = z
  .object({
    fileName: z.string().trim().min(1).max(200),
    /** The file's bytes, base64. */
    contentBase64: z.string().min(1).max(20_000_000),
    encoding: IntakeEncoding$.default('auto'),
    /** Validate only: report problems, apply nothing. */
    dryRun: z.boolean().default(false),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type IntakeRequest = z.input<typeof IntakeRequest$>

export const IntakeProblem$ = FileImportProblem$
export type IntakeProblem = z.infer<typeof IntakeProblem$>

export const IntakeResult$ = z
  .object({
    ...fileImportResultShape,
    /** Eligibility rows recorded (acquisitions, losses). */
    eligibilityChanges: z.number().int(),
    counts: z.record(z.string(), z.number().int()),
    /**
     * What the staff member must know about the records applied (or, in a dry run, to be applied), one Japanese line
     * each: a person placed in a 支援措置 household is protected with it (docs/security.md, 支援措置).
     */
    notices: z.array(z.string()),
  })
  .strict()
export type IntakeResult = z.infer<typeof IntakeResult$>

// ——— Large files: a chunked upload with progress, applied all or nothing at the end ———

/** Raw bytes per chunk: base64 of it stays well below the 64 KB the loopback bridge of browser mode accepts. */
export const INTAKE_CHUNK_BYTES = 32 * 1024
/** The largest file the chunked upload takes (≈ 100,000 lines). */
export const INTAKE_MAX_FILE_BYTES = 20 * 1024 * 1024

export const BeginIntakeUpload$ = z
  .object({
    fileName: z.string().trim().min(1).max(200),
    totalBytes: z
      .number()
      .int()
      .min(1, 'ファイルが空です')
      .max(INTAKE_MAX_FILE_BYTES, 'ファイルが大きすぎます（上限 20MB）'),
    /** SHA-256 of the whole file (hex): checked when the upload finishes. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'ファイルの検査値（SHA-256）が正しくありません'),
    encoding: IntakeEncoding$.default('auto'),
    dryRun: z.boolean().default(false),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type BeginIntakeUpload = z.input<typeof BeginIntakeUpload$>

export const IntakeUpload$ = z
  .object({
    uploadId: z.number().int(),
    chunkBytes: z.number().int(),
    chunks: z.number().int(),
    receivedBytes: z.number().int(),
    totalBytes: z.number().int(),
  })
  .strict()
export type IntakeUpload = z.infer<typeof IntakeUpload$>

export const UploadIntakeChunk$ = z
  .object({
    uploadId: RecordId$,
    /** 0-based; chunk i holds bytes [i × chunkBytes, (i + 1) × chunkBytes). */
    index: z.number().int().min(0),
    contentBase64: z
      .string()
      .min(1)
      .max(Math.ceil((INTAKE_CHUNK_BYTES * 4) / 3) + 4),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type UploadIntakeChunk = z.input<typeof UploadIntakeChunk$>

export const FinishIntakeUpload$ = z.object({ uploadId: RecordId$, idempotencyKey: IdempotencyKey$ }).strict()
export type FinishIntakeUpload = z.input<typeof FinishIntakeUpload$>
