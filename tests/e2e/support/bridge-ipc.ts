import type { Page } from '@playwright/test'
import { residentTaxColumns } from '../../../shared/api/premiums'

/** A call of the loopback bridge as the renderer makes it (the launch token from sessionStorage). */
export async function bridgeIpc<T>(page: Page, channel: string, body: unknown): Promise<T> {
  const res = await page.evaluate(
    async ({ channel, body }) => {
      const r = await fetch(`/__bridge/ipc/${channel}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-kaigo-bridge-token': sessionStorage.getItem('kaigo-desk.bridge') ?? '',
        },
        body: JSON.stringify(body),
      })
      return (await r.json()) as { ok: boolean; value?: unknown; message?: string }
    },
    { channel, body },
  )
  if (!res.ok) throw new Error(`${channel}: ${res.message}`)
  return res.value as T
}

/** A 住民税課税情報 file (base64) of one 2026 record: 本人課税, 合計所得 1,000,000, no pension or salary. */
export function taxedResidentCsv(atenaNo: string): string {
  const values: Record<string, string> = {
    atena_no: atenaNo,
    nendo: '2026',
    kazei_kubun: '1',
    gokei_shotoku: '1000000',
    nenkin_shunyu: '0',
    nenkin_shotoku: '0',
    kyuyo_shotoku: '0',
    hikazei_nenkin: '0',
    kosei_kubun: '0',
  }
  return Buffer.from(
    [
      residentTaxColumns.map((c) => c.name).join(','),
      residentTaxColumns.map((c) => values[c.name] ?? '').join(','),
    ].join('\r\n') + '\r\n',
  ).toString('base64')
}
