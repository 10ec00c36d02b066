import { count, eq } from 'drizzle-orm'
import { formatWareki, ParameterNotFoundError, todayInJapan, type IsoDate } from '../../../../shared/domain'
import { historyAsKnownOn, statusOn } from '../../../../shared/eligibility/history'
import type { CardLayout } from '../../../../shared/forms/contract'
import { insurerFromMasters, memoryMasterReader, wardParametersOn } from '../../../../shared/masters/engine'
import {
  DEFAULT_FORM_SETTINGS,
  formSettingsOf,
  type WardFormSettings,
} from '../../../../shared/masters/ward-parameters'
import type { Db, Tx } from '../../core/db/connect'
import { households, persons } from '../persons/schema'
import { isAddressProtectedIn } from '../persons'
import { loadEvents } from '../eligibility'
import { HttpProblem, problems } from '../../core/http/problem'
import { defineRoute } from '../../core/http/route'
import { loadSnapshot } from '../masters'
import { renderInsuranceCard, type InsuranceCardData } from './insurance-card'
import { cardCertificationOf } from './card-certification'
import { renderProvisionalCard } from './provisional-card'
import { cardIssuances, provisionalCardIssuances } from './schema'

/**
 * What a form takes from the masters on `on` (one read in the request's transaction): the layouts of the ward
 * parameter version in force — a date with no version in force (a gap an administrator has to close) falls back to
 * the shipped default rather than refusing to print — and the insurer's number and name (保険者情報, ref.insurer).
 */
export async function formMastersOn(db: Db | Tx, on: IsoDate) {
  const reader = memoryMasterReader(await loadSnapshot(db, ['ward.parameters', 'ref.insurer']))
  let settings: WardFormSettings = DEFAULT_FORM_SETTINGS
  try {
    settings = formSettingsOf(wardParametersOn(reader, on).value.value)
  } catch (error) {
    if (!(error instanceof ParameterNotFoundError)) throw error
  }
  const insurer = insurerFromMasters(reader, on)
  return { settings, insurerNumber: insurer.insurerNumber, insurerName: insurer.name }
}

/**
 * The person as both forms print them, if insured today: refused (409) otherwise. A protected address (支援措置: the
 * person, or someone of the household or at the same address, is protected) is printed by nobody: the form says
 * （窓口で記入） and is handed over at the counter.
 */
async function insuredPerson(db: Db | Tx, personId: number, formName: string, now: Date) {
  const [row] = await db
    .select({ person: persons, household: households })
    .from(persons)
    .innerJoin(households, eq(households.id, persons.householdId))
    .where(eq(persons.id, personId))
  if (!row) throw problems.notFound()
  const today = todayInJapan(now)
  const { events } = historyAsKnownOn(await loadEvents(db, row.person.id), today)
  const status = statusOn(events, today)
  if (!status.insured || !status.category || !row.person.insuredNumber)
    throw new HttpProblem(409, 'conflict', `被保険者ではないため${formName}を交付できません`)
  const masters = await formMastersOn(db, today)
  const card = {
    insuredNumber: row.person.insuredNumber,
    name: `${row.person.familyName}\u3000${row.person.givenName}`,
    nameKana: `${row.person.familyNameKana}\u3000${row.person.givenNameKana}`,
    birthDate: row.person.birthDate,
    sex: row.person.sex,
    address: (await isAddressProtectedIn(db, row)) ? null : row.household.address,
    category: status.category,
    acquiredOn: row.person.acquiredOn,
    insurerNumber: masters.insurerNumber,
    insurerName: masters.insurerName,
  } satisfies Omit<InsuranceCardData, 'issuedOn'>
  return { id: row.person.id, card, today, settings: masters.settings }
}

/** 交付 the first time, 再交付 (with its reason, counted) every later time. */
function issuance(previous: number, reissueReason: string | undefined) {
  if (previous > 0 && !reissueReason) throw new HttpProblem(400, 'invalidRequest', '再交付の理由を入力してください')
  const kind = previous === 0 ? ('issue' as const) : ('reissue' as const)
  return {
    kind,
    count: kind === 'issue' ? 1 : previous,
    reissue: kind === 'reissue' ? { count: previous, reason: reissueReason! } : undefined,
  }
}

const purposeOf = (form: string, i: ReturnType<typeof issuance>, reason: string | undefined, layout: CardLayout) =>
  i.kind === 'issue'
    ? `${form} 交付（${layout === 'card' ? 'カード' : 'A4'}）`
    : `${form} 再交付（${i.count}回目）${reason}`

/**
 * 被保険者証 and 資格者証, 交付・再交付: only to a person insured today, in the layout of the ward setting; the first
 * is a 交付, every later one a 再交付 with its reason and running count. Each issuance is a ledger row and the
 * request's audit row (purpose: form, kind and reason; target: the person).
 */
export function cardRoutes() {
  return [
    defineRoute({
      name: 'eligibility.issueInsuranceCard',
      access: { kind: 'permission', permission: 'eligibility.issueCard' },
      personalData: true,
      audit: { action: 'eligibility.issueInsuranceCard' },
      effect: 'create',
      async handle({ input, db, user, audit, now }) {
        const { id, card, today, settings } = await insuredPerson(db, input.personId, '被保険者証', now)
        audit.targets([id])
        const layout = settings.insuranceCardLayout
        const [{ n } = { n: 0 }] = await db
          .select({ n: count() })
          .from(cardIssuances)
          .where(eq(cardIssuances.personId, id))
        const i = issuance(Number(n), input.reissueReason)
        const certification = await cardCertificationOf(db, id, today)
        const pdf = await renderInsuranceCard(
          { ...card, issuedOn: today, certification, ...(i.reissue ? { reissue: i.reissue } : {}) },
          layout,
        )
        await db.insert(cardIssuances).values({
          personId: id,
          insuredNumber: card.insuredNumber,
          kind: i.kind,
          count: i.count,
          reason: input.reissueReason ?? null,
          layout,
          issuedOn: today,
          issuedAt: now,
          issuedBy: user?.id ?? null,
        })
        audit.purpose(purposeOf('被保険者証', i, input.reissueReason, layout))
        return {
          kind: i.kind,
          count: i.count,
          issuedOn: today,
          layout,
          fileName: `hihokenshasho_${card.insuredNumber}_${today}.pdf`,
          pdfBase64: Buffer.from(pdf).toString('base64'),
          card,
        }
      },
    }),
    defineRoute({
      name: 'eligibility.issueProvisionalCard',
      access: { kind: 'permission', permission: 'eligibility.issueCard' },
      personalData: true,
      audit: { action: 'eligibility.issueProvisionalCard' },
      effect: 'create',
      async handle({ input, db, user, audit, now }) {
        const { id, card, today, settings } = await insuredPerson(db, input.personId, '資格者証', now)
        audit.targets([id])
        if (input.applicationDate > today)
          throw new HttpProblem(400, 'invalidRequest', '認定申請日に未来の日付は指定できません')
        if (input.validUntil < today)
          throw new HttpProblem(
            400,
            'invalidRequest',
            `有効期限は本日（${formatWareki(today)}）以降の日付を指定してください`,
          )
        if (input.validUntil <= input.applicationDate)
          throw new HttpProblem(400, 'invalidRequest', '有効期限は認定申請日より後の日付を指定してください')
        const layout = settings.provisionalCardLayout
        const [{ n } = { n: 0 }] = await db
          .select({ n: count() })
          .from(provisionalCardIssuances)
          .where(eq(provisionalCardIssuances.personId, id))
        const i = issuance(Number(n), input.reissueReason)
        const pdf = await renderProvisionalCard(
          {
            ...card,
            issuedOn: today,
            applicationDate: input.applicationDate,
            validUntil: input.validUntil,
            ...(i.reissue ? { reissue: i.reissue } : {}),
          },
          layout,
        )
        await db.insert(provisionalCardIssuances).values({
          personId: id,
          insuredNumber: card.insuredNumber,
          kind: i.kind,
          count: i.count,
          reason: input.reissueReason ?? null,
          applicationDate: input.applicationDate,
          validUntil: input.validUntil,
          layout,
          issuedOn: today,
          issuedAt: now,
          issuedBy: user?.id ?? null,
        })
        audit.purpose(purposeOf('資格者証', i, input.reissueReason, layout))
        return {
          kind: i.kind,
          count: i.count,
          issuedOn: today,
          layout,
          fileName: `shikakushasho_${card.insuredNumber}_${today}.pdf`,
          pdfBase64: Buffer.from(pdf).toString('base64'),
          card: { ...card, applicationDate: input.applicationDate, validUntil: input.validUntil },
        }
      },
    }),
  ]
}
