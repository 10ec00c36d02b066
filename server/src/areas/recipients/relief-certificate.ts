/**
 * 介護保険負担限度額認定証 as PDF (the forms area's drawing, A4) for an approved 負担限度額認定: the stage, the daily
 * limits of 食費 and 居住費 from the dated parameters (facilityReliefDailyAmounts, docs/sources/domain.md §5.5), the
 * validity and the issue date; and the renewal list — the approved certifications expiring on a 7/31.
 *
 * The limits printed are those in force on the issue date, or on the first (last) day of the validity when the
 * certificate is issued before (after) it. A protected address (支援措置) is printed by nobody: the form says
 * （窓口で記入）, as the 被保険者証 does (server/src/areas/forms/card-routes.ts).
 */
import { and, eq, gt, inArray } from 'drizzle-orm'
import {
  copayYear,
  copayYearOf,
  facilityReliefDailyAmounts,
  formatWareki,
  type FacilityReliefStage,
  type IsoDate,
  type RoomType,
} from '../../../../shared/domain'
import { reliefStageLabels, type ReliefRenewalList, type ReliefStage } from '../../../../shared/api/recipients'
import type { Db, Tx } from '../../core/db/connect'
import { HttpProblem } from '../../core/http/problem'
import { renderFormPdf } from '../forms'
import { isAddressProtectedIn } from '../persons'
import { households, persons } from '../persons/schema'
import { reliefCertifications } from './schema'

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`

/** The 居住費 rows of the certificate, in the order of docs/sources/domain.md §5.5. */
export const ROOM_ROWS: readonly (readonly [RoomType, string])[] = [
  ['multiBedTokuyou', '多床室（特養等）'],
  ['multiBedRokenWithFee', '多床室（老健・医療院 室料徴収）'],
  ['multiBedRokenNoFee', '多床室（老健・医療院等 室料なし）'],
  ['conventionalTokuyou', '従来型個室（特養等）'],
  ['conventionalRoken', '従来型個室（老健・医療院等）'],
  ['unitSemiPrivate', 'ユニット型個室的多床室'],
  ['unitPrivate', 'ユニット型個室'],
]

const stageOf = (s: ReliefStage): FacilityReliefStage => (s === '1' ? 1 : s === '2' ? 2 : s)

export interface ReliefCertificatePage {
  insuredNumber: string
  name: string
  birthDate: IsoDate
  /** null = protected (支援措置): not printed. */
  address: string | null
  stage: ReliefStage
  validFrom: IsoDate
  validTo: IsoDate
  issuedOn: IsoDate
  /** The date whose daily limits are printed. */
  amountsOn: IsoDate
}

export async function reliefCertificatePdf(p: ReliefCertificatePage): Promise<Uint8Array> {
  const stage = stageOf(p.stage)
  const food = facilityReliefDailyAmounts(stage, p.amountsOn, 'multiBedTokuyou', 'facility').food
  const shortStayFood = facilityReliefDailyAmounts(stage, p.amountsOn, 'multiBedTokuyou', 'shortStay').food
  return renderFormPdf(
    {
      title: '介護保険負担限度額認定証',
      rows: [
        ['交付年月日', formatWareki(p.issuedOn)],
        ['被保険者番号', p.insuredNumber],
        ['氏名', p.name],
        ['生年月日', formatWareki(p.birthDate)],
        ['住所', p.address ?? '（窓口で記入）'],
        ['利用者負担段階', reliefStageLabels[p.stage]],
        ['適用年月日', formatWareki(p.validFrom)],
        ['有効期限', formatWareki(p.validTo)],
        ['食費の負担限度額（日額）', yen(food)],
        ['食費（短期入所）の負担限度額（日額）', yen(shortStayFood)],
        ...ROOM_ROWS.map(
          ([room, label]) =>
            [`居住費 ${label}`, yen(facilityReliefDailyAmounts(stage, p.amountsOn, room).room)] as const,
        ),
        ['保険者', '新宿区（ダミー）'],
      ],
      notes: [
        'この証は、介護保険法第51条の3・第61条の3による食費・居住費（滞在費）の負担限度額を示すものです。',
        `負担限度額は${formatWareki(p.amountsOn)}時点の額です。`,
      ],
    },
    'a4',
  )
}

/** The page of one approved certification (409 when it is not approved or has no stage). */
export async function reliefCertificatePage(
  db: Db | Tx,
  recordId: number,
  issuedOn: IsoDate,
): Promise<{ personId: number; page: ReliefCertificatePage }> {
  const [row] = await db
    .select({ c: reliefCertifications, person: persons, household: households })
    .from(reliefCertifications)
    .innerJoin(persons, eq(persons.id, reliefCertifications.personId))
    .innerJoin(households, eq(households.id, persons.householdId))
    .where(eq(reliefCertifications.id, recordId))
  if (!row) throw new HttpProblem(404, 'notFound', '負担限度額認定が見つかりません')
  if (row.c.status !== 'approved' || row.c.stage === null)
    throw new HttpProblem(409, 'wrongState', '承認された負担限度額認定にのみ認定証を交付できます')
  const { c, person, household } = row
  const amountsOn = issuedOn < c.validFrom ? c.validFrom : issuedOn > c.validTo ? c.validTo : issuedOn
  return {
    personId: person.id,
    page: {
      insuredNumber: person.insuredNumber ?? '',
      name: `${person.familyName} ${person.givenName}`,
      birthDate: person.birthDate,
      address: (await isAddressProtectedIn(db, { person, household })) ? null : household.address,
      stage: c.stage as ReliefStage,
      validFrom: c.validFrom,
      validTo: c.validTo,
      issuedOn,
      amountsOn,
    },
  }
}

/**
 * The yearly renewal list (docs/sources/domain.md §5.5: the certificate runs to 7/31): every approved certification
 * expiring on the 7/31 closing the 判定年度 `year` (default: the year of today, i.e. the coming 7/31), with whether an
 * application reaching past that 7/31 (the following year's) is already in, not rejected. `careArea` narrows it to one 日常生活圏域 (a caller whose
 * permission reaches only its own area).
 */
export async function reliefRenewalList(
  db: Db | Tx,
  year: number | undefined,
  today: IsoDate,
  careArea: string | null | undefined,
): Promise<ReliefRenewalList> {
  const expiresOn = (year === undefined ? copayYearOf(today) : copayYear(year)).to
  const rows = await db
    .select({ c: reliefCertifications, person: persons, careArea: households.careArea })
    .from(reliefCertifications)
    .innerJoin(persons, eq(persons.id, reliefCertifications.personId))
    .innerJoin(households, eq(households.id, persons.householdId))
    .where(and(eq(reliefCertifications.status, 'approved'), eq(reliefCertifications.validTo, expiresOn)))
  const listed = rows.filter((r) => r.c.stage !== null && (careArea === undefined || r.careArea === careArea))
  const ids = [...new Set(listed.map((r) => r.person.id))]
  const renewals =
    ids.length === 0
      ? []
      : await db
          .select({ personId: reliefCertifications.personId, status: reliefCertifications.status })
          .from(reliefCertifications)
          .where(and(inArray(reliefCertifications.personId, ids), gt(reliefCertifications.validTo, expiresOn)))
  const renewed = new Set(renewals.filter((r) => r.status !== 'rejected').map((r) => r.personId))
  return {
    expiresOn,
    rows: listed
      .sort((a, b) => a.person.kanaKey.localeCompare(b.person.kanaKey) || a.person.id - b.person.id)
      .map((r) => ({
        personId: r.person.id,
        certificationId: r.c.id,
        name: `${r.person.familyName} ${r.person.givenName}`,
        insuredNumber: r.person.insuredNumber,
        stage: r.c.stage as ReliefStage,
        validFrom: r.c.validFrom,
        validTo: r.c.validTo,
        renewalApplied: renewed.has(r.person.id),
      })),
  }
}
