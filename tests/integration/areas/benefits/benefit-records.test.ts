import { randomUUID } from 'node:crypto'
import { count, eq, isNotNull } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  benefitRecordDetails,
  benefitRecordFiles,
  benefitRecords,
  benefitRecordWorkItems,
  benefitMonthsOf,
} from '../../../../server/src/areas/benefits'
import {
  benefitBasicLayout,
  benefitDetailLayout,
  buildEnvelope,
  type FieldSpec,
} from '../../../../server/src/areas/kokuhoren'
import { persons } from '../../../../server/src/areas/persons/schema'
import { SHINJUKU_INSURER_NUMBER } from '../../../../shared/domain'
import { signIn } from '../../support/accounts'
import { terminalClient } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'

/**
 * 給付実績 in through the real server (mutual TLS, session, audit row) — docs/benefits.md §3, layout
 * docs/interfaces/kokuhoren.md §1.7. Figures by hand, 1級地 (東京都特別区) unit prices of docs/sources/domain.md §5.2:
 * A 10,000 units of 訪問介護 (人件費割合 70 %, 11.40円) = 114,000円, 1割 → 保険 102,600 / 負担 11,400;
 * B 5,000 units of 通所介護 (45 %, 10.90円) = 54,500円 → 49,050 / 5,450; an unknown 被保険者番号 1,000 units of 訪問介護 =
 * 11,400円 → 10,260 / 1,140. File totals: 費用額 179,900, 保険 161,910, 負担 17,990, units 16,000.
 */
const MONTH = '2025-01'
const UNKNOWN = '0099999999'

function fields(layout: readonly FieldSpec[], values: Record<string, string | number>): string[] {
  return layout
    .filter((s) => s.no > 2)
    .map((s) => {
      if (s.type.kind === 'fixed') return s.type.value
      const v = values[s.key]
      return v === undefined ? '' : String(v)
    })
}

function benefitFile(
  claims: { insured: string; type: string; units: number; insurer: number; copay: number }[],
  badUnits?: string,
) {
  const records: { fields: string[] }[] = []
  claims.forEach((c, i) => {
    const lead = {
      exchangeId: '1115',
      inputId: '7131',
      cardInsurerNumber: SHINJUKU_INSURER_NUMBER,
      insuredNumber: c.insured,
      serviceMonth: MONTH.replace('-', ''),
      providerNumber: `13000000${String(i + 1).padStart(2, '0')}`,
    }
    records.push({
      fields: fields(benefitBasicLayout, {
        ...lead,
        recordKindCode: 'H1',
        createKind: '1',
        benefitKind: '1',
        'benefitRate.insurance': 90,
        'before.insurance.serviceUnits': c.units,
        'before.insurance.claimAmount': c.insurer,
        'before.insurance.copayAmount': c.copay,
      }),
    })
    records.push({
      fields: fields(benefitDetailLayout, {
        ...lead,
        recordKindCode: 'D1',
        serviceType: c.type,
        serviceItem: '1111',
        'before.unitValue': c.units / 10,
        'before.daysOrTimes': 10,
        'before.serviceUnits': i === 1 && badUnits !== undefined ? badUnits : c.units,
      }),
    })
  })
  const built = buildEnvelope(
    {
      volumeSerial: 0,
      dataKind: '111',
      welfareOfficeNumber: '0',
      insurerNumber: SHINJUKU_INSURER_NUMBER,
      providerNumber: '0',
      prefectureNumber: '13',
      mediaKind: '1',
      processingMonth: '2025-02',
      fileControlNumber: 'T0001',
    },
    records,
  )
  if (!built.ok) throw new Error(built.problems.map((p) => p.message).join('\n'))
  return Buffer.from(built.value)
}

describe.each(databaseKinds)('給付実績 import on %s', (kind) => {
  let t: TestServer
  let clerk: string
  const ids: number[] = []
  const insuredOf: string[] = []
  const importFile = (bytes: Buffer, fileName = 'KYUFU_202501.csv') =>
    terminalClient(t).call(
      'benefits.importRecords',
      { fileName, contentBase64: bytes.toString('base64'), dryRun: false, idempotencyKey: randomUUID() },
      clerk,
    )
  const counts = async () => ({
    files: Number((await t.database.db.select({ n: count() }).from(benefitRecordFiles))[0]!.n),
    records: Number((await t.database.db.select({ n: count() }).from(benefitRecords))[0]!.n),
    details: Number((await t.database.db.select({ n: count() }).from(benefitRecordDetails))[0]!.n),
    work: Number((await t.database.db.select({ n: count() }).from(benefitRecordWorkItems))[0]!.n),
  })
  const good = () =>
    benefitFile([
      { insured: insuredOf[0]!, type: '11', units: 10_000, insurer: 102_600, copay: 11_400 },
      { insured: insuredOf[1]!, type: '15', units: 5_000, insurer: 49_050, copay: 5_450 },
      { insured: UNKNOWN, type: '11', units: 1_000, insurer: 10_260, copay: 1_140 },
    ])

  beforeAll(async () => {
    t = await startTestServer(kind, 200)
    clerk = await signIn(t, 'kyufu01')
    const rows = await t.database.db
      .select({ id: persons.id, insured: persons.insuredNumber })
      .from(persons)
      .where(isNotNull(persons.insuredNumber))
      .orderBy(persons.id)
      .limit(2)
    for (const r of rows) {
      ids.push(r.id)
      insuredOf.push(r.insured!)
    }
  })
  afterAll(() => t.close())

  it('refuses a file with a bad 明細 field, naming the line and field in Japanese, and writes nothing', async () => {
    const before = await counts()
    const result = await importFile(
      benefitFile(
        [
          { insured: insuredOf[0]!, type: '11', units: 10_000, insurer: 102_600, copay: 11_400 },
          { insured: insuredOf[1]!, type: '15', units: 5_000, insurer: 49_050, copay: 5_450 },
        ],
        '50O0',
      ),
      'KYUFU_BAD.csv',
    )
    expect(result.status).toBe('rejected')
    // Line 5: control 1, A's H1 2 and D1 3, B's H1 4 and D1 5.
    expect(result.problems).toHaveLength(1)
    expect(result.problems[0]!.line).toBe(5)
    expect(result.problems[0]!.field).toBe('サービス単位数')
    expect(result.problems[0]!.message).toMatch(/^5行目（データレコード 1115 D1）第18項目「サービス単位数」.*「50O0」/)
    expect(await counts()).toEqual(before)
  })

  it('imports the claims with totals matching the control record; the unknown person goes to the work list', async () => {
    const before = await counts()
    const result = await importFile(good())
    expect(result.status).toBe('applied')
    // レコード件数 6 = 3 H1 + 3 D1.
    expect(result.controlRecordCount).toBe(6)
    expect(result.claims + result.details + result.raw).toBe(6)
    expect(result.totals).toEqual({
      units: 16_000,
      cost: 179_900,
      insurerShare: 161_910,
      copay: 17_990,
      publicExpense: 0,
    })
    expect(result.work).toBe(1)
    expect(await counts()).toEqual({
      files: before.files + 1,
      records: before.records + 3,
      details: before.details + 3,
      work: before.work + 1,
    })
    const months = await benefitMonthsOf(t.database.db, ids, MONTH, MONTH)
    expect(months.map((m) => [m.personId, m.cost, m.insurerShare, m.copay, m.units])).toEqual([
      [ids[0], 114_000, 102_600, 11_400, 10_000],
      [ids[1], 54_500, 49_050, 5_450, 5_000],
    ])
    const [work] = await t.database.db
      .select({ insured: benefitRecords.insuredNumber })
      .from(benefitRecordWorkItems)
      .innerJoin(benefitRecords, eq(benefitRecords.id, benefitRecordWorkItems.recordId))
    expect(work?.insured).toBe(UNKNOWN)
  })

  it('re-importing the same file, or the same records under another name, changes nothing', async () => {
    const before = await counts()
    expect((await importFile(good())).status).toBe('alreadyImported')
    expect(await counts()).toEqual(before)
    const again = await importFile(Buffer.concat([good()]), 'KYUFU_202501_again.csv')
    // Same bytes → same SHA-256: answered as already imported.
    expect(again.status).toBe('alreadyImported')
    expect(await counts()).toEqual(before)
  })

  it("shows a person's month against the 区分支給限度基準額", async () => {
    const answer = await terminalClient(t).call(
      'benefits.personMonths',
      { personId: ids[0]!, fromMonth: MONTH, toMonth: MONTH },
      clerk,
    )
    expect(answer.months).toHaveLength(1)
    expect(answer.months[0]).toMatchObject({ serviceMonth: MONTH, units: 10_000, cost: 114_000, copay: 11_400 })
  })
})
