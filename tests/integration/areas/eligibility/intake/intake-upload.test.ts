import { createHash, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { count, eq } from 'drizzle-orm'
import { persons } from '../../../../../server/src/areas/persons/schema'
import { loadEvents } from '../../../../../server/src/areas/eligibility/history-store'
import { importResidentChanges } from '../../../../../server/src/areas/eligibility/intake/apply'
import {
  intakeFiles,
  intakeUploadChunks,
  intakeUploads,
} from '../../../../../server/src/areas/eligibility/intake/schema'
import { INTAKE_CHUNK_BYTES, residentChangeColumns } from '../../../../../shared/eligibility/intake'
import { terminalClient } from '../../../support/clients'
import { databaseKinds } from '../../../support/databases'
import { startTestServer, type TestServer } from '../../../support/test-server'
import { addResident } from '../../../support/residents'
import { signIn } from '../../../support/sign-in'
import { todayInJapan } from '../../../../../shared/domain'

type Row = Partial<Record<(typeof residentChangeColumns)[number]['name'], string>>
const csv = (rows: Row[]) =>
  new TextEncoder().encode(
    [
      residentChangeColumns.map((c) => c.name).join(','),
      ...rows.map((r) => residentChangeColumns.map((c) => r[c.name] ?? '').join(',')),
    ].join('\r\n'),
  )

/**
 * 住基異動 records of 住所地特例関連 (codes 40–42) and 適用除外施設 (50–51) — docs/interfaces/resident-registry.md —
 * and the chunked upload that shows progress for large files while staying all or nothing.
 */
describe.each(databaseKinds)('住基異動: facility codes and chunked upload on %s', (kind) => {
  let t: TestServer
  let clerk: string
  const client = () => terminalClient(t)
  const run = (bytes: Uint8Array, dryRun = false) =>
    importResidentChanges(
      t.database.db,
      { fileName: 'JUKIIDO_facility.csv', bytes, encoding: 'auto', dryRun },
      null,
      todayInJapan(t.clock.now()),
    )
  const common = (setaiNo: string, date: string) => ({
    operation: '1',
    setai_no: setaiNo,
    todokede_date: date,
    shori_datetime: `${date}090000`,
  })

  beforeAll(async () => {
    t = await startTestServer(kind, 300)
    clerk = await signIn(t, 'shikaku01')
  })
  afterAll(() => t.close())

  describe('住所地特例関連 (40 開始, 41 変更, 42 終了)', () => {
    it('keeps the ward as insurer through start, change and the return to the ward', async () => {
      const p = await addResident(t, '1949-12-12', { insured: { category: 1, on: '2014-12-11' } })
      const start = await run(
        csv([
          {
            ...common(p.householdCode, '20260402'),
            record_id: `RX-${p.id}-1`,
            atena_no: p.residentCode,
            ido_jiyu_code: '40',
            ido_jiyu_name: '住所地特例開始',
            ido_date: '20260401',
            shisetsu_shubetsu: '有料老人ホーム',
            shisetsu_name: 'さいたま見沼の郷',
            shisetsu_shozai: '埼玉県さいたま市',
          },
          {
            ...common(p.householdCode, '20260702'),
            record_id: `RX-${p.id}-2`,
            atena_no: p.residentCode,
            ido_jiyu_code: '41',
            ido_date: '20260701',
            shisetsu_shubetsu: '介護老人保健施設',
            shisetsu_name: '川口みどり苑',
            shisetsu_shozai: '埼玉県川口市',
          },
          {
            ...common(p.householdCode, '20261001'),
            record_id: `RX-${p.id}-3`,
            atena_no: p.residentCode,
            ido_jiyu_code: '42',
            ido_date: '20260930',
            zip: '160-0023',
            address: '東京都新宿区西新宿二丁目8番1号',
          },
        ]),
      )
      expect(start).toMatchObject({ status: 'applied', applied: 3, eligibilityChanges: 3 })
      expect(start.counts).toEqual({ 住所地特例開始: 1, 住所地特例変更: 1, 住所地特例終了: 1 })
      const history = await client().call('eligibility.history', { personId: p.id }, clerk)
      expect(history.status.insured).toBe(true)
      expect(history.residenceExceptionPeriods.map((r) => [r.from, r.to, r.facilityName])).toEqual([
        ['2026-04-01', '2026-06-30', 'さいたま見沼の郷'],
        ['2026-07-01', '2026-09-30', '川口みどり苑'],
      ])
      expect(history.events.every((e) => e.kind !== 'loss')).toBe(true)
    })

    it('refuses a non-covered facility type at validation, and a person not insured while applying — nothing applied', async () => {
      const insured = await addResident(t, '1949-11-11', { insured: { category: 1, on: '2014-11-10' } })
      const notInsured = await addResident(t, '1990-11-11')
      const typeProblem = await run(
        csv([
          {
            ...common(insured.householdCode, '20260402'),
            record_id: `RXB-${insured.id}`,
            atena_no: insured.residentCode,
            ido_jiyu_code: '40',
            ido_date: '20260401',
            shisetsu_shubetsu: '地域密着型特定施設',
            shisetsu_name: 'X',
            shisetsu_shozai: '埼玉県所沢市',
          },
        ]),
      )
      expect(typeProblem.status).toBe('rejected')
      expect(typeProblem.problems).toEqual([
        {
          line: 2,
          column: '施設種別（shisetsu_shubetsu）',
          reason: '「地域密着型特定施設」は住所地特例の対象施設ではありません（施設所在地の市町村が保険者になります）',
        },
      ])
      const files = async () => Number((await t.database.db.select({ n: count() }).from(intakeFiles))[0]!.n)
      const before = await files()
      // Line 2 is fine on its own; line 3 breaks a history rule while applying: line 2 is rolled back too.
      const rule = await run(
        csv([
          {
            ...common(insured.householdCode, '20260402'),
            record_id: `RXC-${insured.id}`,
            atena_no: insured.residentCode,
            ido_jiyu_code: '50',
            ido_date: '20260401',
            shisetsu_shubetsu: '救護施設',
            shisetsu_name: '新宿ひだまり救護寮',
          },
          {
            ...common(notInsured.householdCode, '20260403'),
            record_id: `RXC-${notInsured.id}`,
            atena_no: notInsured.residentCode,
            ido_jiyu_code: '40',
            ido_date: '20260401',
            shisetsu_shubetsu: '介護老人福祉施設',
            shisetsu_name: 'X',
            shisetsu_shozai: '埼玉県所沢市',
          },
        ]),
      )
      expect(rule).toMatchObject({ status: 'rejected', applied: 0 })
      expect(rule.problems).toEqual([
        {
          line: 3,
          column: '異動事由コード（ido_jiyu_code）',
          reason: '入所日に資格がありません（住所地特例は被保険者だけが対象です）',
        },
      ])
      expect(await loadEvents(t.database.db, insured.id)).toHaveLength(1)
      expect(await files()).toBe(before)
    })

    it('a dry run checks the history rules too and applies nothing', async () => {
      const notInsured = await addResident(t, '1991-01-01')
      const dry = await run(
        csv([
          {
            ...common(notInsured.householdCode, '20260403'),
            record_id: `RXD-${notInsured.id}`,
            atena_no: notInsured.residentCode,
            ido_jiyu_code: '40',
            ido_date: '20260401',
            shisetsu_shubetsu: '介護老人福祉施設',
            shisetsu_name: 'X',
            shisetsu_shozai: '埼玉県所沢市',
          },
        ]),
        true,
      )
      expect(dry.status).toBe('rejected')
    })
  })

  describe('適用除外施設 (50 入所, 51 退所)', () => {
    it('entry loses the next day, exit acquires on the exit day; facility columns only for these codes', async () => {
      const p = await addResident(t, '1958-02-20', { insured: { category: 1, on: '2023-02-19' } })
      const rows: Row[] = [
        {
          ...common(p.householdCode, '20260302'),
          record_id: `EX-${p.id}-1`,
          atena_no: p.residentCode,
          ido_jiyu_code: '50',
          ido_date: '20260301',
          shisetsu_shubetsu: '障害者支援施設',
          shisetsu_name: '新宿あけぼの園',
        },
        {
          ...common(p.householdCode, '20260602'),
          record_id: `EX-${p.id}-2`,
          atena_no: p.residentCode,
          ido_jiyu_code: '51',
          ido_date: '20260531',
        },
      ]
      const wrong = await run(
        csv([
          {
            ...rows[1]!,
            record_id: `EXW-${p.id}`,
            ido_jiyu_code: '20',
            zip: '1600023',
            address: '東京都新宿区西新宿二丁目8番1号',
            shisetsu_name: 'X',
          },
        ]),
      )
      expect(wrong.problems.map((x) => x.reason)).toContain(
        '施設の項目は住所地特例の開始・変更と適用除外施設の入所のときだけ指定できます',
      )
      const result = await run(csv(rows))
      expect(result).toMatchObject({ status: 'applied', eligibilityChanges: 4 })
      const events = await loadEvents(t.database.db, p.id)
      expect(events.map((e) => [e.kind, e.effectiveOn])).toEqual([
        ['acquisition', '2023-02-19'],
        ['excludedFacilityStart', '2026-03-01'],
        ['loss', '2026-03-02'],
        ['excludedFacilityEnd', '2026-05-31'],
        ['acquisition', '2026-05-31'],
      ])
      const [row] = await t.database.db.select().from(persons).where(eq(persons.id, p.id))
      expect(row).toMatchObject({ insuredCategory: 1, acquiredOn: '2026-05-31' })
    })
  })

  describe('chunked upload with progress (large files), all or nothing at the end', () => {
    const upload = async (bytes: Uint8Array, options: { skip?: number } = {}) => {
      const begun = await client().call(
        'eligibility.beginIntakeUpload',
        {
          fileName: 'JUKIIDO_large.csv',
          totalBytes: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          idempotencyKey: randomUUID(),
        },
        clerk,
      )
      const progress: number[] = []
      for (let index = 0; index < begun.chunks; index++) {
        if (index === options.skip) continue
        const chunk = bytes.subarray(index * INTAKE_CHUNK_BYTES, (index + 1) * INTAKE_CHUNK_BYTES)
        const sent = await client().call(
          'eligibility.uploadIntakeChunk',
          {
            uploadId: begun.uploadId,
            index,
            contentBase64: Buffer.from(chunk).toString('base64'),
            idempotencyKey: randomUUID(),
          },
          clerk,
        )
        progress.push(sent.receivedBytes)
      }
      return { begun, progress }
    }
    /** 転入 of `n` persons aged 30 (no insurance) into new households: ≈ 200 bytes a line. */
    const series = ['LG', 'BD', 'MS', 'WS']
    const two = (n: number) => String(n).padStart(2, '0')
    const moveIns = (prefix: string, n: number, bad?: number): Row[] =>
      Array.from({ length: n }, (_, i) => ({
        record_id: `${prefix}-${i}`,
        operation: '1',
        atena_no: `7${series.indexOf(prefix)}${String(i).padStart(8, '0')}`,
        setai_no: `6${series.indexOf(prefix)}${String(i).padStart(8, '0')}`,
        ido_jiyu_code: '10',
        ido_date: '20261101',
        todokede_date: '20261102',
        shori_datetime: `20261102${two(9 + Math.floor(i / 3600))}${two(Math.floor(i / 60) % 60)}${two(i % 60)}`,
        name: '試験 太郎',
        name_kana: 'シケン タロウ',
        birth_date: i === bad ? '19960231' : '19960101',
        sex: '1',
        zokugara: '世帯主',
        zip: '160-0022',
        address: `東京都新宿区新宿六丁目${(i % 20) + 1}番${(i % 9) + 1}号`,
      }))

    it('a file larger than one request (> 256 KB) arrives in 32 KB chunks with growing progress and is applied once', async () => {
      const bytes = csv(moveIns('LG', 1_500))
      expect(bytes.length).toBeGreaterThan(256 * 1024)
      const { begun, progress } = await upload(bytes)
      expect(progress).toHaveLength(begun.chunks)
      expect(progress.at(-1)).toBe(bytes.length)
      expect(progress.every((v, i) => i === 0 || v > progress[i - 1]!)).toBe(true)
      const result = await client().call(
        'eligibility.finishIntakeUpload',
        { uploadId: begun.uploadId, idempotencyKey: randomUUID() },
        clerk,
      )
      expect(result).toMatchObject({ status: 'applied', records: 1_500, applied: 1_500 })
      // The staged chunks are gone; the same file again is 「取込済み」.
      expect(await t.database.db.select().from(intakeUploadChunks)).toEqual([])
      const again = await upload(bytes)
      const second = await client().call(
        'eligibility.finishIntakeUpload',
        { uploadId: again.begun.uploadId, idempotencyKey: randomUUID() },
        clerk,
      )
      expect(second.status).toBe('alreadyImported')
    })

    it('one bad line in the last chunk applies nothing and reports the line', async () => {
      const before = Number((await t.database.db.select({ n: count() }).from(persons))[0]!.n)
      const bytes = csv(moveIns('BD', 600, 599))
      const { begun } = await upload(bytes)
      const result = await client().call(
        'eligibility.finishIntakeUpload',
        { uploadId: begun.uploadId, idempotencyKey: randomUUID() },
        clerk,
      )
      expect(result.status).toBe('rejected')
      expect(result.problems).toEqual([
        { line: 601, column: '生年月日（birth_date）', reason: '日付が正しくありません（YYYYMMDD）' },
      ])
      expect(Number((await t.database.db.select({ n: count() }).from(persons))[0]!.n)).toBe(before)
    })

    it('refuses to finish with a chunk missing, and another user cannot touch the upload', async () => {
      const bytes = csv(moveIns('MS', 400))
      const { begun } = await upload(bytes, { skip: 1 })
      await expect(
        client().call(
          'eligibility.finishIntakeUpload',
          { uploadId: begun.uploadId, idempotencyKey: randomUUID() },
          clerk,
        ),
      ).rejects.toMatchObject({
        code: 'conflict',
        message: 'ファイルの送信が終わっていません（残り 1 分割）。送信し直してください',
      })
      const other = await signIn(t, 'kantoku01')
      await expect(
        client().call(
          'eligibility.finishIntakeUpload',
          { uploadId: begun.uploadId, idempotencyKey: randomUUID() },
          other,
        ),
      ).rejects.toMatchObject({ code: 'forbidden' })
      // Still waiting, nothing applied.
      expect(await t.database.db.select().from(intakeUploads).where(eq(intakeUploads.id, begun.uploadId))).toHaveLength(
        1,
      )
    })

    it('refuses a chunk of the wrong size', async () => {
      const bytes = csv(moveIns('WS', 300))
      const begun = await client().call(
        'eligibility.beginIntakeUpload',
        {
          fileName: 'x.csv',
          totalBytes: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          idempotencyKey: randomUUID(),
        },
        clerk,
      )
      await expect(
        client().call(
          'eligibility.uploadIntakeChunk',
          {
            uploadId: begun.uploadId,
            index: 0,
            contentBase64: Buffer.from('abc').toString('base64'),
            idempotencyKey: randomUUID(),
          },
          clerk,
        ),
      ).rejects.toMatchObject({ message: expect.stringContaining('分割 0 の大きさが違います') })
    })
  })
})
