import type { ImportFiles } from '../../core/files/import-files'
import { defineRoute } from '../../core/http/route'
import { acceptReport, beginExtract, extractReport, finishExtract, listExtracts, uploadChunk } from './extract/intake'
import { requestDataListExport } from './export/export-request'
import { decideGaiji, gaijiList } from './gaiji/workbench'

/**
 * データ移行 routes, section 1 (docs/migration.md): the 移行担当 receives a legacy extract (manifest, chunks, finish:
 * every file scanned whole, control C-05, then validated), reads its report and decides 外字; a second person with
 * the 監督者's permission accepts a validated report. The staged rows are keyed by the legacy 宛名番号, not by persons
 * of this system: the audit rows name the extract in their purpose and touch no person record.
 */
export function migrationRoutes(deps: { importFiles: ImportFiles }) {
  return [
    defineRoute({
      name: 'migration.beginExtract',
      access: { kind: 'permission', permission: 'migration.operate' },
      personalData: true,
      audit: { action: 'migration.beginExtract' },
      effect: 'create',
      async handle({ input, db, user, audit, now }) {
        audit.purpose('データ移行 抽出データ受入開始')
        const extract = await beginExtract(db, user!.id, input.manifest, now)
        audit.purpose(
          `データ移行 抽出データ #${extract.id} 受入開始（${extract.files.length}ファイル、版 ${extract.editionId}）`,
        )
        return extract
      },
    }),
    defineRoute({
      name: 'migration.uploadChunk',
      access: { kind: 'permission', permission: 'migration.operate' },
      personalData: true,
      audit: { action: 'migration.uploadChunk' },
      // A chunk sent twice (a retry with a new key) keeps the first copy.
      effect: 'create',
      async handle({ input, db, audit }) {
        audit.purpose(`データ移行 抽出データ #${input.extractId} 送信 ${input.fileName} 分割 ${input.index}`)
        return uploadChunk(db, input)
      },
    }),
    defineRoute({
      name: 'migration.finishExtract',
      access: { kind: 'permission', permission: 'migration.operate' },
      personalData: true,
      audit: { action: 'migration.finishExtract' },
      effect: 'statusChange',
      async handle({ input, db, user, audit, now, terminalId }) {
        audit.purpose(`データ移行 抽出データ #${input.extractId} 検証`)
        const { extract, finished } = await finishExtract(db, input.extractId, now, (bytes, fileName) =>
          deps.importFiles.receiveFor(
            { user, terminalId, now },
            { bytes, fileName, kind: 'migration' },
            { audit, what: `データ移行 抽出データ #${input.extractId} ${fileName}` },
          ),
        )
        const findings = Object.values(extract.findingCounts).reduce((a, b) => a + b, 0)
        const notScanned = extract.files.some((f) => f.scan === 'notScanned') ? ' ウイルス未検査（デモ）' : ''
        audit.purpose(
          `データ移行 抽出データ #${extract.id} ${finished ? '検証' : '検証済みのため変更なし'} ${extract.status} 指摘 ${findings}件${notScanned}`,
        )
        return extract
      },
    }),
    defineRoute({
      name: 'migration.extracts',
      access: { kind: 'permission', permission: 'migration.read' },
      personalData: true,
      audit: { action: 'migration.extracts' },
      effect: 'read',
      async handle({ db, audit }) {
        audit.purpose('データ移行 抽出データ一覧')
        return { extracts: await listExtracts(db) }
      },
    }),
    defineRoute({
      name: 'migration.report',
      access: { kind: 'permission', permission: 'migration.read' },
      personalData: true,
      audit: { action: 'migration.report' },
      effect: 'read',
      async handle({ input, db, audit }) {
        audit.purpose(
          `データ移行 抽出データ #${input.extractId} 検証結果${input.rule ? ` ${input.rule}` : ''}（${input.offset + 1}件目から）`,
        )
        return extractReport(db, input)
      },
    }),
    defineRoute({
      // Four eyes: a second person with the 監督者's permission, never the one who received it; a recent step-up (C-06).
      name: 'migration.acceptReport',
      access: { kind: 'permission', permission: 'migration.approve' },
      personalData: true,
      audit: { action: 'migration.acceptReport' },
      effect: 'statusChange',
      stepUp: true,
      async handle({ input, db, user, audit, now }) {
        audit.purpose(`データ移行 抽出データ #${input.extractId} 検証結果の承認`)
        return acceptReport(db, user!, input, now)
      },
    }),
    defineRoute({
      // 書出し: the database as the standard data list, handed to a 持出申請 — nothing leaves before a different
      // 監督者 approves it (export.approve). The persons it holds are the audit row's targets.
      name: 'migration.exportDataList',
      access: { kind: 'permission', permission: 'migration.operate' },
      personalData: true,
      audit: { action: 'migration.exportDataList', targetType: 'person' },
      effect: 'create',
      async handle({ input, db, user, audit, now, terminalId }) {
        const { request, personIds, exported } = await requestDataListExport(
          db,
          { user: user!, terminalId, now },
          {
            purpose: input.purpose,
            ...(input.groups ? { groups: input.groups } : {}),
            ...(input.since ? { since: new Date(input.since) } : {}),
          },
        )
        audit.targets(personIds)
        const rows = Object.values(exported.rows).reduce((a, b) => a + b, 0)
        audit.purpose(
          `データ移行 基本データリスト書出しの持出申請 #${request.id}（${exported.manifest.kind === 'delta' ? '差分' : '全件'} ${rows}件）: ${input.purpose}`,
        )
        return request
      },
    }),
    defineRoute({
      name: 'migration.gaijiList',
      access: { kind: 'permission', permission: 'migration.read' },
      personalData: true,
      audit: { action: 'migration.gaijiList' },
      effect: 'read',
      async handle({ input, db, audit }) {
        audit.purpose(`データ移行 外字一覧（${input.status}）`)
        return gaijiList(db, input.status)
      },
    }),
    defineRoute({
      name: 'migration.decideGaiji',
      access: { kind: 'permission', permission: 'migration.operate' },
      personalData: true,
      audit: { action: 'migration.decideGaiji' },
      effect: 'create',
      async handle({ input, db, user, audit, now }) {
        const keep = input.replacement === input.character
        audit.purpose(`データ移行 外字の決定 ${keep ? 'そのまま使用' : '標準文字へ置換'}：${input.reason}`)
        return decideGaiji(db, user!, input, now)
      },
    }),
  ]
}
