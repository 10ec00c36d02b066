/**
 * EUC extracts (簡易検索・抽出, docs/statistics.md §5): shared templates over a fixed catalogue of items
 * (shared/domain/statistics/extract.ts), a run as of a base date computed set-based, masked per the rules, grouped
 * results with their small cells suppressed, and the run's CSV handed to the export approval path (controls C-21,
 * C-22). マイナンバー is never an item; a protected person's address (支援措置) never appears in an extract.
 */
import { createHash } from 'node:crypto'
import { and, desc, eq, or, sql } from 'drizzle-orm'
import type { ExportRequestSummary } from '../../../../shared/api/export'
import {
  ExtractDefinition$,
  type ExtractDefinition,
  type ExtractRun,
  type ExtractTemplate,
  type SaveExtractTemplateInput,
} from '../../../../shared/api/statistics'
import { ageOn, fiscalYearOf, todayInJapan, type IsoDate } from '../../../../shared/domain/dates'
import { SMALL_CELL_THRESHOLD } from '../../../../shared/domain/parameters/statistics'
import {
  extractDefinitionProblem,
  extractItems,
  maskedItems,
  MASK,
  shownValue,
  suppressSmallCells,
  type ExtractItemId,
} from '../../../../shared/domain/statistics'
import { versionAt } from '../../../../shared/domain/versioned'
import { statusOn } from '../../../../shared/eligibility/history'
import type { Db, Tx } from '../../core/db/connect'
import { HttpProblem, problems } from '../../core/http/problem'
import type { AuthenticatedUser } from '../../core/sessions/sessions'
import { requestHandedFile } from '../export'
import { addressProtectedIds, protectedResidents } from '../persons'
import { historyAsKnown } from './monthly-report'
import { statisticsExtractRuns, statisticsExtractTemplates } from './schema'

type Template = typeof statisticsExtractTemplates.$inferSelect
type Caller = { user: AuthenticatedUser; terminalId: string; now: Date }

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows

/** Rows of a run the answer shows (the whole file leaves only through the export). */
const PREVIEW_ROWS = 200

const templateOf = (t: Template): ExtractTemplate => ({
  id: t.id,
  templateName: t.name,
  shared: t.shared,
  definition: ExtractDefinition$.parse(t.definition),
  rowVersion: t.rowVersion,
  createdBy: t.createdLogin,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt ? t.updatedAt.toISOString() : null,
})

export const extractCatalogue = () => extractItems.map((i) => ({ ...i }))

/** The templates the caller sees: the shared ones and their own. */
export async function listTemplates(db: Db | Tx, user: AuthenticatedUser): Promise<ExtractTemplate[]> {
  const rows = await db
    .select()
    .from(statisticsExtractTemplates)
    .where(or(eq(statisticsExtractTemplates.shared, true), eq(statisticsExtractTemplates.createdBy, user.id)))
    .orderBy(desc(statisticsExtractTemplates.id))
    .limit(500)
  return rows.map(templateOf)
}

async function visibleTemplate(db: Db | Tx, user: AuthenticatedUser, id: number): Promise<Template> {
  const [t] = await db.select().from(statisticsExtractTemplates).where(eq(statisticsExtractTemplates.id, id))
  if (!t || (!t.shared && t.createdBy !== user.id)) throw problems.notFound()
  return t
}

function checkDefinition(definition: ExtractDefinition): void {
  const problem = extractDefinitionProblem(definition.columns, definition.groupBy)
  if (problem) throw problems.invalidRequest(problem)
  const { ageFrom, ageTo } = definition.filters
  if (ageFrom !== null && ageTo !== null && ageFrom > ageTo)
    throw problems.invalidRequest('年齢の範囲は「から」≦「まで」で指定してください')
}

/** Creates a template (templateId null) or updates one the caller wrote (the row version read and a reason). */
export async function saveTemplate(
  db: Db | Tx,
  { user, now }: Caller,
  input: Omit<SaveExtractTemplateInput, 'definition'> & { definition: ExtractDefinition },
): Promise<ExtractTemplate> {
  checkDefinition(input.definition)
  const templateId = input.templateId ?? null
  if (templateId === null) {
    const [row] = await db
      .insert(statisticsExtractTemplates)
      .values({
        name: input.templateName,
        definition: input.definition,
        shared: input.shared ?? false,
        createdBy: user.id,
        createdLogin: user.loginId,
        createdAt: now,
      })
      .returning()
    return templateOf(row!)
  }
  const reason = (input.reason ?? '').trim()
  if (input.rowVersion == null || reason.length === 0)
    throw problems.invalidRequest('テンプレートの変更には、読み込んだ版と変更の理由が必要です')
  const current = await visibleTemplate(db, user, templateId)
  if (current.createdBy !== user.id)
    throw new HttpProblem(403, 'forbidden', 'テンプレートを変更できるのは作成者だけです')
  const [row] = await db
    .update(statisticsExtractTemplates)
    .set({
      name: input.templateName,
      definition: input.definition,
      shared: input.shared ?? current.shared,
      rowVersion: current.rowVersion + 1,
      updatedLogin: user.loginId,
      updatedAt: now,
      updateReason: reason,
    })
    .where(
      and(eq(statisticsExtractTemplates.id, templateId), eq(statisticsExtractTemplates.rowVersion, input.rowVersion)),
    )
    .returning()
  if (!row) throw problems.conflict()
  return templateOf(row)
}

/** Every value of the catalogue for one person on the base date (null: none). */
type Values = Record<ExtractItemId, string | number | null>

interface PersonRow {
  id: number
  household_id: number
  is_protected: boolean
  insured_number: string | null
  family_name: string
  given_name: string
  family_name_kana: string
  given_name_kana: string
  birth_date: string
  sex: 'male' | 'female'
  address: string
  town: string
  care_area: string | null
}

const stageIn = (
  a: {
    s1: number | null
    f1: string | null
    t1: string | null
    s2: number | null
    f2: string | null
    t2: string | null
  },
  month: string,
) =>
  a.s2 !== null && (a.f2 ?? '') <= month && month <= (a.t2 ?? '')
    ? a.s2
    : a.s1 !== null && (a.f1 ?? '') <= month && month <= (a.t1 ?? '')
      ? a.s1
      : null

/** The population of the definition on the base date with every item's value: three set-based reads and the history. */
async function populationOn(db: Db | Tx, definition: ExtractDefinition, baseDate: IsoDate, today: IsoDate) {
  const history = await historyAsKnown(db, today)
  const status = new Map<number, { category: 1 | 2 | null; since: string | null }>()
  for (const [personId, events] of history) {
    const s = statusOn(events, baseDate)
    if (s.insured)
      status.set(personId, { category: s.category === 1 || s.category === 2 ? s.category : null, since: s.since })
  }
  const certification = new Map(
    rowsOf<{ person_id: number; level: string; valid_to: string }>(
      await db.execute(sql`
        select distinct on (person_id) person_id, level, valid_to::text as valid_to from certified_persons
        where valid_from <= ${baseDate}::date and valid_to >= ${baseDate}::date
        order by person_id, decided_on desc, id desc`),
    ).map((r) => [r.person_id, r]),
  )
  const month = baseDate.slice(0, 7)
  const premium = new Map(
    rowsOf<{
      person_id: number
      s1: number | null
      f1: string | null
      t1: string | null
      s2: number | null
      f2: string | null
      t2: string | null
      annual_amount: number
    }>(
      await db.execute(sql`
        select distinct on (person_id) person_id, stage_1 as s1, stage_1_from as f1, stage_1_to as t1,
          stage_2 as s2, stage_2_from as f2, stage_2_to as t2, annual_amount
        from premium_assessments where fiscal_year = ${fiscalYearOf(baseDate)}
        order by person_id, version desc`),
    ).map((r) => [r.person_id, { stage: stageIn(r, month), annual: Number(r.annual_amount) }]),
  )
  const people = rowsOf<PersonRow>(
    await db.execute(sql`
      select p.id, p.household_id, p.is_protected, p.insured_number, p.family_name, p.given_name,
        p.family_name_kana, p.given_name_kana, p.birth_date::text as birth_date, p.sex,
        h.address, h.town, h.care_area
      from persons p join households h on h.id = p.household_id order by p.insured_number nulls last, p.id`),
  )
  const inPopulation = (p: PersonRow) => {
    const s = status.get(p.id)
    if (definition.population === 'insured1') return s?.category === 1
    if (definition.population === 'certified') return s !== undefined && certification.has(p.id)
    return s !== undefined && (premium.get(p.id)?.stage ?? null) !== null
  }
  const f = definition.filters
  const selected: { person: PersonRow; values: Values }[] = []
  for (const p of people) {
    if (!inPopulation(p)) continue
    const s = status.get(p.id)!
    const c = certification.get(p.id)
    const a = premium.get(p.id)
    const values: Values = {
      insuredNumber: p.insured_number,
      name: `${p.family_name} ${p.given_name}`,
      nameKana: `${p.family_name_kana} ${p.given_name_kana}`,
      birthDate: p.birth_date,
      age: ageOn(p.birth_date, baseDate),
      sex: p.sex === 'male' ? '男' : '女',
      address: p.address,
      town: p.town,
      careArea: p.care_area,
      category: s.category === null ? null : `第${s.category}号`,
      acquiredOn: s.since,
      careLevel: c?.level ?? null,
      certificationValidTo: c?.valid_to ?? null,
      premiumStage: a?.stage ?? null,
      annualPremium: a ? a.annual : null,
    }
    if (f.towns.length > 0 && !f.towns.includes(p.town)) continue
    if (f.careAreas.length > 0 && !f.careAreas.includes(p.care_area ?? '')) continue
    if (f.sex !== null && f.sex !== p.sex) continue
    if (f.careLevels.length > 0 && !f.careLevels.includes(c?.level ?? '')) continue
    if (f.premiumStages.length > 0 && !f.premiumStages.includes(a?.stage ?? -1)) continue
    const age = values.age as number
    if ((f.ageFrom !== null && age < f.ageFrom) || (f.ageTo !== null && age > f.ageTo)) continue
    selected.push({ person: p, values })
  }
  return selected
}

const csvField = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)

/** UTF-8 with BOM, CRLF line ends, every line terminated. */
export const extractCsv = (header: readonly string[], rows: readonly (readonly string[])[]) =>
  '\uFEFF' + [header, ...rows].map((r) => r.map(csvField).join(',') + '\r\n').join('')

export const sha256Of = (text: string) => createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex')

const labelOf = (id: string) => extractItems.find((i) => i.id === id)?.label ?? id

/** Addresses the 支援措置 protects print masked whatever the reason (the person's 住所 and 町名). */
const PROTECTED_ITEMS: readonly ExtractItemId[] = ['address', 'town']

/**
 * Runs a template as of a date: rows (one per person, identifying items masked unless a reason is given) or, with
 * groupBy, the number of persons per group with the small cells suppressed. The run is recorded with its CSV and
 * SHA-256; the caller audits the persons read.
 */
export async function runExtract(
  db: Db | Tx,
  { user, now }: Caller,
  input: { templateId: number; baseDate: IsoDate; reason: string | null },
): Promise<{ run: ExtractRun; personIds: number[]; templateName: string }> {
  const template = await visibleTemplate(db, user, input.templateId)
  const definition = ExtractDefinition$.parse(template.definition)
  checkDefinition(definition)
  const today = todayInJapan(now)
  if (input.baseDate > today) throw problems.invalidRequest('基準日は今日までの日付を指定してください')
  const reason = input.reason?.trim() ? input.reason.trim() : null
  const selected = await populationOn(db, definition, input.baseDate, today)
  const personIds = selected.map((s) => s.person.id)
  const columns = definition.columns as ExtractItemId[]
  const groupBy = definition.groupBy as ExtractItemId[]
  const masked = maskedItems(groupBy.length > 0 ? [] : columns, reason)
  let header: string[]
  let rows: string[][]
  let suppressedCells = 0
  if (groupBy.length === 0) {
    const protectedIds = addressProtectedIds(
      selected.map((s) => ({
        person: { id: s.person.id, householdId: s.person.household_id, isProtected: s.person.is_protected },
        household: { address: s.person.address },
      })),
      await protectedResidents(db),
    )
    header = columns.map(labelOf)
    rows = selected.map((s) =>
      columns.map((c) =>
        protectedIds.has(s.person.id) && PROTECTED_ITEMS.includes(c) ? MASK : shownValue(c, s.values[c], masked),
      ),
    )
  } else {
    const counts = new Map<string, { keys: string[]; n: number }>()
    for (const s of selected) {
      const keys = groupBy.map((g) => shownValue(g, s.values[g], []))
      const id = JSON.stringify(keys)
      const cell = counts.get(id) ?? { keys, n: 0 }
      cell.n++
      counts.set(id, cell)
    }
    const ordered = [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    const threshold = versionAt(SMALL_CELL_THRESHOLD, input.baseDate, 'SMALL_CELL_THRESHOLD').value
    const { cells, suppressed } = suppressSmallCells(
      Object.fromEntries(ordered.map(([id, c]) => [id, c.n])),
      () => true,
      threshold,
    )
    suppressedCells = suppressed.length
    header = [...groupBy.map(labelOf), '人数']
    rows = ordered.map(([id, c]) => [...c.keys, cells[id] === null ? '*' : String(cells[id])])
  }
  const csv = extractCsv(header, rows)
  const sha256 = sha256Of(csv)
  const [row] = await db
    .insert(statisticsExtractRuns)
    .values({
      templateId: template.id,
      definition: { ...definition, templateName: template.name },
      reason,
      maskedItems: masked,
      includeProtected: false,
      personIds,
      rowCount: rows.length,
      ranBy: user.id,
      ranLogin: user.loginId,
      ranAt: now,
      baseDate: input.baseDate,
      csvBase64: Buffer.from(csv, 'utf8').toString('base64'),
      sha256,
    })
    .returning()
  return {
    templateName: template.name,
    personIds,
    run: {
      extractRunId: row!.id,
      templateId: template.id,
      baseDate: input.baseDate,
      header,
      rows: rows.slice(0, PREVIEW_ROWS),
      rowCount: rows.length,
      personCount: personIds.length,
      maskedItems: masked,
      suppressedCells,
      sha256,
      ranBy: `${user.displayName}（${user.loginId}）`,
      ranAt: now.toISOString(),
    },
  }
}

/** Hands the run's CSV, unchanged, to the export approval path: a pending 持出申請 a different 監督者 must approve. */
export async function exportRun(
  db: Db | Tx,
  caller: Caller,
  input: { extractRunId: number; purpose: string },
): Promise<{ request: ExportRequestSummary; personIds: number[] }> {
  const [run] = await db.select().from(statisticsExtractRuns).where(eq(statisticsExtractRuns.id, input.extractRunId))
  if (!run || run.ranBy !== caller.user.id || run.csvBase64 === null || run.sha256 === null) throw problems.notFound()
  const name = String((run.definition as { templateName?: unknown }).templateName ?? 'EUC抽出').replace(
    /[\\/:*?"<>|\s]/g,
    '_',
  )
  const request = await requestHandedFile(db, caller, {
    purpose: input.purpose,
    recordType: 'statisticsExtract',
    personIds: run.personIds,
    file: {
      fileName: `EUC抽出_${name}_${run.baseDate}_${run.id}.csv`,
      bytes: Buffer.from(run.csvBase64, 'base64'),
      sha256: run.sha256,
    },
  })
  return { request, personIds: run.personIds }
}
