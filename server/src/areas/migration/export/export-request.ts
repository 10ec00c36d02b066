/**
 * The data list leaves only through the 持出 approval (controls C-21, C-22; server/src/areas/export): the 移行担当
 * asks for it, the export is written now (export/data-list-export.ts) and handed, as one ustar archive of the folder
 * the intake reads (manifest.json and one CSV per group), to a pending 持出申請 naming every person it holds. Nothing
 * leaves before a different 監督者 approves it (export.approve); the issue and the 持出管理簿 row follow the export
 * area's own path.
 */
import type { ExportRequestSummary } from '../../../../../shared/api/export'
import { MANIFEST_FILE_NAME } from '../../../../../shared/migration/manifest'
import { todayInJapan } from '../../../../../shared/domain/dates'
import type { AuthenticatedUser } from '../../../core/sessions/sessions'
import type { Db, Tx } from '../../../core/db/connect'
import { requestHandedFile } from '../../export'
import { sha256Of } from '../extract/codec'
import { exportDataList, type DataListExport } from './data-list-export'
import { exportedPersonIds, type ExportGroupId } from './read-groups'
import { tarOf } from './tar'

export async function requestDataListExport(
  db: Db | Tx,
  by: { user: AuthenticatedUser; terminalId: string; now: Date },
  input: { purpose: string; groups?: readonly ExportGroupId[]; since?: Date },
): Promise<{ request: ExportRequestSummary; personIds: number[]; exported: DataListExport }> {
  const exported = await exportDataList(db, {
    now: by.now,
    ...(input.groups ? { groups: input.groups } : {}),
    ...(input.since ? { since: input.since } : {}),
  })
  const archive = tarOf(
    [
      { name: MANIFEST_FILE_NAME, bytes: Buffer.from(exported.manifestText, 'utf8') },
      ...[...exported.files].map(([name, bytes]) => ({ name, bytes })),
    ],
    by.now,
  )
  const personIds = await exportedPersonIds(db, input.since)
  const kind = input.since ? '差分' : '全件'
  const request = await requestHandedFile(db, by, {
    purpose: input.purpose,
    recordType: 'dataList',
    personIds,
    file: {
      fileName: `基本データリスト_${kind}_${todayInJapan(by.now).replaceAll('-', '')}.tar`,
      bytes: archive,
      sha256: sha256Of(archive),
    },
  })
  return { request, personIds, exported }
}
