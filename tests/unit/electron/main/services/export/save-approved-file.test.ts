import { createHash } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import { BackendError } from '../../../../../../electron/main/backend/backend-client'
import type { DestinationKind } from '../../../../../../electron/main/services/export/destination'
import {
  saveApprovedFile,
  type ApprovedFileSaveDeps,
} from '../../../../../../electron/main/services/export/save-approved-file'

const bytes = Buffer.from('\uFEFF"a","b"\r\n"1","2"\r\n', 'utf8')
const file = { fileName: '報告.xlsx', contentBase64: bytes.toString('base64'), extra: 42 }

function deps(options: { exportAllowed?: boolean; kind?: DestinationKind; destination?: string | null } = {}) {
  const writeFile = vi.fn(async () => undefined)
  const onRefused = vi.fn()
  const chooseDestination = vi.fn(async (name: string) =>
    options.destination === undefined ? `/home/staff/${name}` : options.destination,
  )
  const d: ApprovedFileSaveDeps = {
    policy: { exportAllowed: options.exportAllowed ?? true, allowRemovableExport: false, allowNetworkExport: false },
    chooseDestination,
    classify: async () => options.kind ?? 'local',
    writeFile,
    onRefused,
  }
  return { d, writeFile, onRefused, chooseDestination }
}

const request = (fetch: () => Promise<typeof file>) => ({
  what: 'test:file',
  requestId: 5,
  policyMessage: '端末ポリシーで保存できません',
  fetch,
})

describe('saveApprovedFile: a handed file through the export control (C-21)', () => {
  it('writes the bytes unchanged where the dialog says, and answers name, place, SHA-256 and the file', async () => {
    const { d, writeFile, chooseDestination } = deps()
    const saved = await saveApprovedFile(
      d,
      request(async () => file),
    )
    expect(chooseDestination).toHaveBeenCalledWith('報告.xlsx')
    expect(writeFile).toHaveBeenCalledWith('/home/staff/報告.xlsx', bytes)
    expect(saved).toEqual({
      file,
      fileName: '報告.xlsx',
      destination: '/home/staff/報告.xlsx',
      fileSha256: createHash('sha256').update(bytes).digest('hex'),
    })
  })

  it('a terminal without export rights refuses before fetching; the refusal is reported with its code', async () => {
    const { d, writeFile, onRefused } = deps({ exportAllowed: false })
    const fetch = vi.fn(async () => file)
    await expect(saveApprovedFile(d, request(fetch))).rejects.toMatchObject({ code: 'forbidden' })
    expect(fetch).not.toHaveBeenCalled()
    expect(writeFile).not.toHaveBeenCalled()
    expect(onRefused).toHaveBeenCalledWith({
      requestId: 5,
      reason: 'test:file:policy',
      message: '端末ポリシーで保存できません',
    })
  })

  it('a removable destination is refused and nothing is written', async () => {
    const { d, writeFile, onRefused } = deps({ kind: 'removable' })
    await expect(
      saveApprovedFile(
        d,
        request(async () => file),
      ),
    ).rejects.toMatchObject({ code: 'forbidden' })
    expect(writeFile).not.toHaveBeenCalled()
    expect(onRefused).toHaveBeenCalledWith(expect.objectContaining({ reason: 'test:file:destination:removable' }))
  })

  it("the server's refusal is reported and passed on; a network failure is passed on unreported", async () => {
    const refused = deps()
    await expect(
      saveApprovedFile(
        refused.d,
        request(async () => {
          throw new BackendError('forbidden', '承認されていません', 403)
        }),
      ),
    ).rejects.toMatchObject({ code: 'forbidden' })
    expect(refused.onRefused).toHaveBeenCalledWith({
      requestId: 5,
      reason: 'test:file:server:forbidden',
      message: '承認されていません',
    })
    const down = deps()
    await expect(
      saveApprovedFile(
        down.d,
        request(async () => {
          throw new BackendError('backendUnavailable', 'サーバーに接続できません')
        }),
      ),
    ).rejects.toMatchObject({ code: 'backendUnavailable' })
    expect(down.onRefused).not.toHaveBeenCalled()
  })

  it('a cancelled dialog writes nothing', async () => {
    const { d, writeFile } = deps({ destination: null })
    await expect(
      saveApprovedFile(
        d,
        request(async () => file),
      ),
    ).rejects.toMatchObject({ code: 'invalidRequest' })
    expect(writeFile).not.toHaveBeenCalled()
  })
})
