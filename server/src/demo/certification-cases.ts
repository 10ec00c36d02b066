/**
 * Dummy 要介護認定 cases for the demo ward (control C-23: dummy data only), so that the clock board and its analytics
 * have data on first start: two years of closed cases (申請 → 調査 → 意見書 → 一次判定 → 審査会 → 通知, a few 取下げ)
 * and the cases in progress at every stage, with their surveys and opinions. Levels by age are plausible, not a
 * statistic. The decided event's details carry `{ level }` (certifiedLevelCodes) so that the decision side can seed the
 * 受給者台帳 from the notified cases (`seedCertificationCases` is the entry point named in the case contract).
 */
import { and, asc, eq, sql } from 'drizzle-orm'
import type { CaseKind } from '../../../shared/domain/certification-clock'
import { addDays, ageOn } from '../../../shared/domain'
import type { Db } from '../core/db/connect'
import { bulkInsertJson } from '../core/db/bulk-insert'
import { households, persons } from '../areas/persons/schema'
import {
  certificationCaseEvents,
  certificationCases,
  certificationOpinions,
  certificationSurveys,
  type CaseEventKind,
  type CaseStageName,
} from '../areas/certification'
import { Rng } from './generator/prng'

const CHUNK = 2_000
/** Share of residents 65+ with a closed case in the two years, rising with age (a demo figure). */
const closedShare = (age: number) => Math.min(0.6, 0.05 + Math.max(0, age - 65) * 0.02)
/** Share with a case in progress today (about a month of applications). */
const openShare = (age: number) => closedShare(age) / 12
const HISTORY_DAYS = 730
const OFFICES = [
  '区職員（直営）',
  '検証ケアプランセンター北',
  '検証ケアプランセンター南',
  '検証居宅介護支援事業所',
  '検証指定事務受託法人',
]
const SURVEYORS = ['調査 一郎', '調査 花子', '調査 次郎', '調査 三郎', '調査 桜']
const CLINICS = [
  '検証内科クリニック',
  '検証中央病院',
  '検証整形外科',
  '検証ファミリークリニック',
  '検証総合病院',
  '検証診療所',
]
/** 要支援1 … 要介護5 by age band (weights; a demo figure). */
const LEVELS = ['12', '13', '21', '22', '23', '24', '25'] as const
const levelWeights = (age: number) =>
  age < 80 ? [4, 3, 4, 2, 1, 1, 1] : age < 90 ? [2, 2, 4, 3, 2, 2, 1] : [1, 1, 3, 3, 3, 3, 2]

interface Planned {
  kind: CaseEventKind
  on: string
  details: Record<string, unknown>
}

function plan(rng: Rng, appliedOn: string, age: number): { events: Planned[]; office: number; clinic: number } {
  const office = rng.int(0, OFFICES.length - 1)
  const clinic = rng.int(0, CLINICS.length - 1)
  const assigned = addDays(appliedOn, rng.int(0, 2))
  const requested = addDays(appliedOn, rng.int(0, 2))
  const surveyed = addDays(assigned, rng.int(3, office === 0 ? 9 : 14))
  const received = addDays(surveyed, rng.int(1, 3))
  const opinion = addDays(requested, rng.int(6, clinic === 1 ? 30 : 20))
  const complete = received > opinion ? received : opinion
  const first = addDays(complete, rng.int(1, 3))
  const meeting = addDays(first, rng.int(4, 12))
  const decided = meeting
  const notified = addDays(decided, rng.int(1, 4))
  const level = LEVELS[rng.weightedIndex(levelWeights(age))]!
  return {
    office,
    clinic,
    events: [
      { kind: 'applied', on: appliedOn, details: { filedVia: 'consultationCentre' } },
      {
        kind: 'surveyAssigned',
        on: assigned,
        details: { officeName: OFFICES[office], surveyorName: SURVEYORS[office] },
      },
      { kind: 'opinionRequested', on: requested, details: { clinicName: CLINICS[clinic] } },
      { kind: 'surveyed', on: surveyed, details: {} },
      { kind: 'surveyReceived', on: received, details: {} },
      { kind: 'opinionReceived', on: opinion, details: { channel: 'paper' } },
      { kind: 'firstDecided', on: first, details: {} },
      { kind: 'boardAssigned', on: first, details: { meetingOn: meeting } },
      { kind: 'decided', on: decided, details: { level } },
      { kind: 'notified', on: notified, details: {} },
    ],
  }
}

const rank = (stage: CaseStageName) =>
  [
    'applied',
    'surveyAssigned',
    'opinionRequested',
    'surveyed',
    'surveyReceived',
    'opinionReceived',
    'firstDecided',
    'boardAssigned',
    'decided',
    'notified',
  ].indexOf(stage)

/** Seeds the cases (once: nothing when any case exists). Returns how many cases were written. */
export async function seedCertificationCases(
  db: Db,
  options: { today: string; seed: number; now: Date },
): Promise<number> {
  const [{ n } = { n: 0 }] = (await db.select({ n: sql<number>`count(*)` }).from(certificationCases)) as { n: number }[]
  if (Number(n) > 0) return 0
  const rng = new Rng(options.seed, 'certification-cases')
  const people = await db
    .select({ id: persons.id, birthDate: persons.birthDate, careArea: households.careArea })
    .from(persons)
    .innerJoin(households, eq(households.id, persons.householdId))
    .where(and(eq(persons.insuredCategory, 1), eq(persons.isProtected, false)))
    .orderBy(asc(persons.id))
  type Row = {
    personId: number
    careArea: string | null
    age: number
    appliedOn: string
    open: boolean
    kind: CaseKind
  }
  const wanted: Row[] = []
  for (const p of people) {
    const age = ageOn(p.birthDate, options.today)
    if (age < 65) continue
    const base = { personId: p.id, careArea: p.careArea, age }
    if (rng.chance(closedShare(age)))
      wanted.push({
        ...base,
        appliedOn: addDays(options.today, -rng.int(45, HISTORY_DAYS)),
        open: false,
        kind: age > 80 && rng.chance(0.6) ? 'renewal' : 'new',
      })
    if (rng.chance(openShare(age)))
      wanted.push({
        ...base,
        appliedOn: addDays(options.today, -rng.int(0, 40)),
        open: true,
        kind: rng.chance(0.15) ? 'levelChange' : 'new',
      })
  }
  let written = 0
  for (let i = 0; i < wanted.length; i += CHUNK) {
    const chunk = wanted.slice(i, i + CHUNK)
    const ids = (await db.execute(
      sql`select nextval(pg_get_serial_sequence('certification_cases', 'id')) as id from generate_series(1, ${chunk.length})`,
    )) as unknown as { rows: { id: string | number }[] }
    const cases: (typeof certificationCases.$inferInsert)[] = []
    const events: (typeof certificationCaseEvents.$inferInsert)[] = []
    const surveys: (typeof certificationSurveys.$inferInsert)[] = []
    const opinions: (typeof certificationOpinions.$inferInsert)[] = []
    chunk.forEach((c, j) => {
      const id = Number(ids.rows[j]!.id)
      const planned = plan(rng, c.appliedOn, c.age)
      let kept = planned.events.filter((e) => e.on <= options.today)
      if (c.open) kept = kept.filter((e) => e.kind !== 'notified' && e.kind !== 'decided')
      const withdrawn = !c.open && rng.chance(0.04)
      if (withdrawn) {
        kept = kept.slice(0, 3)
        kept.push({ kind: 'withdrawn', on: addDays(kept[kept.length - 1]!.on, 2), details: {} })
      }
      const last = kept.reduce<CaseStageName>(
        (s, e) =>
          e.kind === 'withdrawn'
            ? 'withdrawn'
            : rank(e.kind as CaseStageName) > rank(s)
              ? (e.kind as CaseStageName)
              : s,
        'applied',
      )
      const flags = rng.chance(0.03)
        ? (['terminalCancer'] as const)
        : rng.chance(0.05)
          ? (['dischargePlanning'] as const)
          : []
      cases.push({
        id,
        personId: c.personId,
        kind: c.kind,
        appliedOn: c.appliedOn,
        filedVia: 'consultationCentre',
        filedCareArea: c.careArea,
        careArea: c.careArea,
        filedBy: null,
        applicantName: '',
        applicantRelation: '',
        category2: null,
        urgentFlags: [...flags],
        priority: flags.length === 0 ? 0 : flags[0] === 'terminalCancer' ? 2 : 1,
        boardRequired: true,
        transferCertificate: null,
        previousCertificationId: null,
        previousLevel: null,
        previousValidTo: null,
        skipDelayNoticeConsent: false,
        onHold: false,
        stage: last,
        closedReason: withdrawn ? '本人の申出（デモ）' : null,
        note: '',
        rowVersion: kept.length,
        createdAt: options.now,
        updatedAt: options.now,
        updatedBy: null,
      })
      for (const e of kept)
        events.push({ caseId: id, kind: e.kind, on: e.on, by: null, at: options.now, note: '', details: e.details })
      const has = (k: CaseEventKind) => kept.find((e) => e.kind === k)?.on ?? null
      const assigned = has('surveyAssigned')
      if (assigned)
        surveys.push({
          caseId: id,
          mode: planned.office === 0 ? 'direct' : 'contracted',
          officeNumber: null,
          officeName: OFFICES[planned.office]!,
          surveyorName: SURVEYORS[planned.office]!,
          assignedOn: assigned,
          dueOn: addDays(assigned, 7),
          visitOn: has('surveyed'),
          visitTime: null,
          visitPlace: null,
          reminderCount: 0,
          lastReminderOn: null,
          draft: {},
          draftSavedAt: null,
          submitted: null,
          submittedOn: has('surveyReceived'),
          warnings: [],
          fee: planned.office === 0 || !has('surveyed') ? null : 4400,
          rowVersion: 1,
          updatedAt: options.now,
          updatedBy: null,
        })
      const requested = has('opinionRequested')
      if (requested) {
        const receivedOn = has('opinionReceived')
        opinions.push({
          caseId: id,
          clinicName: CLINICS[planned.clinic]!,
          doctorName: '検証 医師',
          designatedDoctor: false,
          requestedOn: requested,
          dueOn: addDays(requested, 13),
          reminderOn: addDays(requested, 10),
          reminderCount: 0,
          lastReminderOn: null,
          receivedOn,
          channel: receivedOn ? 'paper' : null,
          opinion: null,
          place: receivedOn ? 'home' : null,
          round: receivedOn ? (c.kind === 'new' ? 'new' : 'continued') : null,
          fee: receivedOn ? (c.kind === 'new' ? 5000 : 4000) : null,
          feeCode: receivedOn ? (c.kind === 'new' ? '11' : '12') : null,
          rowVersion: 1,
          updatedAt: options.now,
          updatedBy: null,
        })
      }
    })
    await bulkInsertJson(db, certificationCases, cases)
    await bulkInsertJson(db, certificationCaseEvents, events)
    await bulkInsertJson(db, certificationSurveys, surveys)
    await bulkInsertJson(db, certificationOpinions, opinions)
    written += cases.length
  }
  return written
}
