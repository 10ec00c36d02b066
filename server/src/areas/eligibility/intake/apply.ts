/**
 * Applying a validated 住基異動 file: all or nothing, idempotent. In one transaction (the route's, with its audit
 * row): the same file (SHA-256) is applied once; a record already applied by another file (same record_id) is
 * skipped; every record is checked against the database first, and when any check fails nothing is written.
 * Records are applied in 処理日時 order. Dates of eligibility come from shared/domain (lossDate,
 * category1AcquisitionDate) through the eligibility engine.
 */
import { createHash } from 'node:crypto'
import { and, eq, inArray, ne } from 'drizzle-orm'
import { category1AcquisitionDate, lossDate, type LossEvent } from '../../../../../shared/domain'
import { historyAsKnownOn, statusOn } from '../../../../../shared/eligibility/history'
import {
  residentChangeCodes,
  type IntakeProblem,
  type IntakeResult,
  type ResidentChangeKind,
} from '../../../../../shared/eligibility/intake'
import { normalizeKana, normalizeKanjiName } from '../../../../../shared/text/kana'
import type { Db, Tx } from '../../../core/db/connect'
import { households, persons } from '../../persons/schema'
import { recordAcquisition, recordLoss } from '../engine'
import { recordFacilityFact } from '../facility'
import { HttpProblem } from '../../../core/http/problem'
import { appendEvent, loadEvents } from '../history-store'
import { decodeIntakeFile, MAX_PROBLEMS, parseResidentChanges, type ResidentChangeRecord } from './parse'
import { intakeFiles, intakeRecords } from './schema'
import { applyBatch, bulkKinds, townOf } from './bulk-apply'
import { IMPORT_BATCH_SIZE, runs, transactionNow, type ImportObserver } from '../../../core/imports/pipeline'

const KIND_LABEL = Object.fromEntries(Object.values(residentChangeCodes).map((c) => [c.kind, c.label])) as Record<
  ResidentChangeKind,
  string
>

/**
 * A person the file placed in a household that has a 支援措置対象者 (出生, 転入 into it, 世帯変更/世帯合併, a 転居 into
 * another household): protected with the household, and the staff member is told (docs/security.md, 支援措置).
 */
interface ProtectedJoiner {
  line: number
  kind: ResidentChangeKind
  name: string
  atenaNo: string
}

/** The notice line of the intake result: past tense once applied, future in a dry run. */
const joinerNotice = (j: ProtectedJoiner, applied: boolean) =>
  `${j.line}行目：支援措置対象世帯への異動（${KIND_LABEL[j.kind]}）のため、${j.name}（宛名番号 ${j.atenaNo}）を保護対象に${
    applied ? 'しました' : 'します'
  }。住所・電話番号は表示・印字されません`

function result(partial: Partial<IntakeResult> & Pick<IntakeResult, 'status'>): IntakeResult {
  const problems = partial.problems ?? []
  return {
    encoding: null,
    records: 0,
    applied: 0,
    alreadyApplied: 0,
    eligibilityChanges: 0,
    counts: {},
    truncated: problems.length > MAX_PROBLEMS,
    notices: [],
    ...partial,
    problems: problems.slice(0, MAX_PROBLEMS),
  }
}

export async function importResidentChanges(
  db: Db | Tx,
  input: { fileName: string; bytes: Uint8Array; encoding: 'auto' | 'utf-8' | 'shift_jis'; dryRun: boolean },
  userId: number | null,
  /** Today in Japan from the caller's clock. */
  today: string,
  /** Progress of the validation and of every batch applied (core/imports/pipeline.ts). */
  observer?: ImportObserver,
): Promise<IntakeResult & { personIds: number[] }> {
  const fileHash = createHash('sha256').update(input.bytes).digest('hex')
  const [seen] = await db.select({ id: intakeFiles.id }).from(intakeFiles).where(eq(intakeFiles.fileHash, fileHash))
  if (seen) return { ...result({ status: 'alreadyImported' }), personIds: [] }

  const decoded = decodeIntakeFile(input.bytes, input.encoding)
  if (!decoded.ok) return { ...result({ status: 'rejected', problems: [decoded.problem] }), personIds: [] }
  const { records, problems } = parseResidentChanges(decoded.text)
  const dataLines = records.length + new Set(problems.filter((p) => p.line > 1).map((p) => p.line)).size

  // Records already applied (resent in another file) are skipped, not re-applied.
  const ids = records.map((r) => r.recordId)
  const done = new Set<string>()
  for (let i = 0; i < ids.length; i += 1_000) {
    const rows = await db
      .select({ id: intakeRecords.recordId })
      .from(intakeRecords)
      .where(inArray(intakeRecords.recordId, ids.slice(i, i + 1_000)))
    for (const r of rows) done.add(r.id)
  }
  const pending = records
    .filter((r) => !done.has(r.recordId))
    .sort((a, b) => a.processedAt.localeCompare(b.processedAt) || a.line - b.line)

  // Checks against the database and earlier records of the file.
  const atenaNos = [...new Set(pending.map((r) => r.atenaNo))]
  const personIdByAtena = new Map<string, number>()
  for (let i = 0; i < atenaNos.length; i += 1_000) {
    const rows = await db
      .select({ id: persons.id, code: persons.residentCode })
      .from(persons)
      .where(inArray(persons.residentCode, atenaNos.slice(i, i + 1_000)))
    for (const r of rows) personIdByAtena.set(r.code, r.id)
  }
  const setaiNos = [...new Set(pending.map((r) => r.setaiNo))]
  const knownHouseholds = new Set<string>()
  for (let i = 0; i < setaiNos.length; i += 1_000) {
    const rows = await db
      .select({ code: households.householdCode })
      .from(households)
      .where(inArray(households.householdCode, setaiNos.slice(i, i + 1_000)))
    for (const r of rows) knownHouseholds.add(r.code)
  }
  const exists = new Set(personIdByAtena.keys())
  const gone = new Set<string>()
  const dbProblems: IntakeProblem[] = []
  for (const r of pending) {
    const problem = (column: string, reason: string) => dbProblems.push({ line: r.line, column, reason })
    const creates = r.kind === 'moveIn' || r.kind === 'birth'
    if (creates && exists.has(r.atenaNo)) problem('宛名番号（atena_no）', '既に登録されている宛名番号です')
    else if (!creates && !exists.has(r.atenaNo)) problem('宛名番号（atena_no）', '登録されていない宛名番号です')
    else if (!creates && gone.has(r.atenaNo)) problem('宛名番号（atena_no）', '転出・死亡の後の異動です')
    const needsHousehold =
      creates || r.kind === 'householdChange' || r.kind === 'addressChange' || r.kind === 'residenceExceptionEnd'
    if (needsHousehold && !knownHouseholds.has(r.setaiNo) && !(r.address && r.postalCode))
      problem('世帯番号（setai_no）', '新しい世帯番号です。郵便番号と住所を指定してください')
    if (creates) exists.add(r.atenaNo)
    if (needsHousehold) knownHouseholds.add(r.setaiNo)
    if (r.kind === 'moveOut' || r.kind === 'death') gone.add(r.atenaNo)
  }
  const allProblems = [...problems, ...dbProblems].sort((a, b) => a.line - b.line)
  observer?.progress?.({ phase: 'validate', done: dataLines, total: dataLines })
  const base = { encoding: decoded.encoding, records: dataLines, alreadyApplied: records.length - pending.length }
  if (allProblems.length > 0)
    return { ...result({ status: 'rejected', ...base, problems: allProblems }), personIds: [] }

  // The application runs in a savepoint: a rule the history refuses (e.g. 住所地特例 of a person not insured) stops
  // it, rolls back every record already applied from this file and reports the line — still all or nothing. A dry
  // run applies the same way and then rolls the savepoint back, so it checks these rules too.
  try {
    return await db.transaction(async (sp) => {
      const { joiners, ...applied } = await applyRecords(
        sp,
        input,
        userId,
        { fileHash, pending, base, today },
        observer,
      )
      if (input.dryRun) throw new DryRunDone(joiners)
      return { ...applied, notices: joiners.map((j) => joinerNotice(j, true)) }
    })
  } catch (error) {
    if (error instanceof DryRunDone)
      return {
        ...result({ status: 'validated', ...base, notices: error.joiners.map((j) => joinerNotice(j, false)) }),
        personIds: [],
      }
    if (!(error instanceof RecordRefused)) throw error
    return { ...result({ status: 'rejected', ...base, problems: [error.problem] }), personIds: [] }
  }
}

/** Ends a dry run's savepoint: everything it applied is rolled back (what it would protect is reported). */
class DryRunDone extends Error {
  constructor(readonly joiners: ProtectedJoiner[]) {
    super('dry run')
  }
}

/** A record the eligibility rules refuse while applying: the whole file is rolled back. */
class RecordRefused extends Error {
  constructor(readonly problem: IntakeProblem) {
    super(problem.reason)
  }
}

async function applyRecords(
  db: Db | Tx,
  input: { fileName: string },
  userId: number | null,
  prepared: {
    fileHash: string
    pending: ResidentChangeRecord[]
    base: { encoding: 'utf-8' | 'shift_jis'; records: number; alreadyApplied: number }
    today: string
  },
  observer?: ImportObserver,
): Promise<IntakeResult & { personIds: number[]; joiners: ProtectedJoiner[] }> {
  const { fileHash, pending, base, today } = prepared
  // The moment every row of this transaction is recorded at (recorded_at's default): the batches' history reads it.
  const recordedAt = await transactionNow(db)
  const personIdByAtena = new Map<string, number>()
  const atenaNos = [...new Set(pending.map((r) => r.atenaNo))]
  for (let i = 0; i < atenaNos.length; i += 1_000) {
    const rows = await db
      .select({ id: persons.id, code: persons.residentCode })
      .from(persons)
      .where(inArray(persons.residentCode, atenaNos.slice(i, i + 1_000)))
    for (const r of rows) personIdByAtena.set(r.code, r.id)
  }
  const [file] = await db
    .insert(intakeFiles)
    .values({
      fileHash,
      fileName: input.fileName,
      encoding: base.encoding,
      records: base.records,
      applied: pending.length,
      counts: {},
      importedBy: userId,
    })
    .returning({ id: intakeFiles.id })
  const counts: Record<string, number> = {}
  let eligibilityChanges = 0
  const touched = new Set<number>()
  const householdIds = new Map<string, number>()
  const joiners: ProtectedJoiner[] = []

  /**
   * 支援措置: a person now in a household with a protected member is protected with it (the flag; the record, file and
   * day stay in intake_records and the request's audit row). Someone already protected is left as they are.
   */
  async function protectWithHousehold(r: ResidentChangeRecord, personId: number) {
    const [row] = await db
      .select({
        householdId: persons.householdId,
        isProtected: persons.isProtected,
        familyName: persons.familyName,
        givenName: persons.givenName,
      })
      .from(persons)
      .where(eq(persons.id, personId))
    if (!row || row.isProtected) return
    const [protectedMember] = await db
      .select({ id: persons.id })
      .from(persons)
      .where(and(eq(persons.householdId, row.householdId), eq(persons.isProtected, true), ne(persons.id, personId)))
      .limit(1)
    if (!protectedMember) return
    await db.update(persons).set({ isProtected: true }).where(eq(persons.id, personId))
    joiners.push({ line: r.line, kind: r.kind, name: `${row.familyName} ${row.givenName}`, atenaNo: r.atenaNo })
  }

  async function householdId(r: ResidentChangeRecord): Promise<number> {
    const cached = householdIds.get(r.setaiNo)
    if (cached !== undefined) return cached
    const [found] = await db
      .select({ id: households.id })
      .from(households)
      .where(eq(households.householdCode, r.setaiNo))
    const id =
      found?.id ??
      (
        await db
          .insert(households)
          .values({
            householdCode: r.setaiNo,
            postalCode: r.postalCode!,
            town: townOf(r.address!),
            address: r.address!,
          })
          .returning({ id: households.id })
      )[0]!.id
    householdIds.set(r.setaiNo, id)
    return id
  }

  /** 転居 (and the return from a 住所地特例 facility): the household's address, or a move to another household. */
  async function moveToAddress(r: ResidentChangeRecord, personId: number) {
    const [current] = await db
      .select({ householdId: persons.householdId, code: households.householdCode })
      .from(persons)
      .innerJoin(households, eq(households.id, persons.householdId))
      .where(eq(persons.id, personId))
    if (current?.code === r.setaiNo)
      await db
        .update(households)
        .set({ postalCode: r.postalCode!, address: r.address!, town: townOf(r.address!) })
        .where(eq(households.id, current.householdId))
    else
      await db
        .update(persons)
        .set({ householdId: await householdId(r) })
        .where(eq(persons.id, personId))
  }

  let done = 0
  for (const run of runs(pending, (r) => bulkKinds.has(r.kind), IMPORT_BATCH_SIZE)) {
    observer?.batch?.(run.items.length)
    if (run.bulk) {
      const outcome = await applyBatch(db, run.items, { fileId: file!.id, userId, today, recordedAt })
      eligibilityChanges += outcome.eligibilityChanges
      for (const id of outcome.personIds) touched.add(id)
      joiners.push(...outcome.joiners)
      for (const [atena, id] of outcome.createdPersons) personIdByAtena.set(atena, id)
      for (const [code, id] of outcome.createdHouseholds) householdIds.set(code, id)
      for (const r of run.items) counts[KIND_LABEL[r.kind]] = (counts[KIND_LABEL[r.kind]] ?? 0) + 1
    } else for (const r of run.items) await applyOne(r)
    done += run.items.length
    observer?.progress?.({ phase: 'apply', done, total: pending.length })
  }

  /** One record row by row: the 住所地特例 / 適用除外施設 codes (facility.ts decides and refuses). */
  async function applyOne(r: ResidentChangeRecord) {
    const options = { source: 'intake' as const, dedupeKey: `intake:${r.recordId}`, recordedBy: userId, today }
    let personId = personIdByAtena.get(r.atenaNo)
    switch (r.kind) {
      case 'moveIn':
      case 'birth': {
        const [row] = await db
          .insert(persons)
          .values({
            residentCode: r.atenaNo,
            householdId: await householdId(r),
            relationship: r.relationship!,
            familyName: r.familyName!,
            givenName: r.givenName!,
            familyNameKana: r.familyNameKana!,
            givenNameKana: r.givenNameKana!,
            kanaKey: normalizeKana(r.familyNameKana! + r.givenNameKana!),
            nameKey: normalizeKanjiName(r.familyName! + r.givenName!),
            sex: r.sex!,
            birthDate: r.birthDate!,
            phone: null,
            // Not carried by the 住基異動 file: 個人番号 and income arrive by their own routes (empty / 0 until then).
            individualNumber: '',
            residentTaxable: false,
            totalIncome: 0,
            taxablePensionIncome: 0,
            pensionAndOtherIncome: 0,
            onPublicAssistance: false,
            oldAgeWelfarePension: false,
          })
          .returning({ id: persons.id })
        personId = row!.id
        personIdByAtena.set(r.atenaNo, personId)
        if (r.kind === 'moveIn') {
          // 65 or over on the day of 転入: category 1 from that day (法10条). Younger: the daily batch acquires at 65;
          // category 2 needs health insurance, which the file does not say (recorded at application).
          const added =
            category1AcquisitionDate(r.birthDate!) <= r.changedOn
              ? await recordAcquisition(
                  db,
                  personId,
                  { category: 1, reason: 'moveIn', effectiveOn: r.changedOn },
                  options,
                )
              : await appendEvent(db, {
                  personId,
                  kind: 'residenceStart',
                  reason: 'moveIn',
                  effectiveOn: r.changedOn,
                  ...options,
                })
          if (added) eligibilityChanges++
        }
        break
      }
      case 'residenceExceptionStart':
      case 'residenceExceptionChange':
      case 'residenceExceptionEnd':
      case 'excludedFacilityEntry':
      case 'excludedFacilityExit': {
        try {
          const done = await recordFacilityFact(
            db,
            personId!,
            {
              action: r.kind,
              on: r.changedOn,
              facilityType: r.facilityType,
              facilityName: r.facilityName,
              facilityMunicipality: r.facilityMunicipality,
              ...(r.kind === 'residenceExceptionEnd' ? { outcome: 'returnedToWard' as const } : {}),
            },
            { source: 'intake', recordedBy: userId, today },
          )
          eligibilityChanges += done.recorded
        } catch (error) {
          if (error instanceof HttpProblem)
            throw new RecordRefused({ line: r.line, column: '異動事由コード（ido_jiyu_code）', reason: error.title })
          throw error
        }
        if (r.kind === 'residenceExceptionEnd') await moveToAddress(r, personId!)
        break
      }
      case 'addressChange':
        await moveToAddress(r, personId!)
        break
      case 'nameChange':
        await db
          .update(persons)
          .set({
            familyName: r.familyName!,
            givenName: r.givenName!,
            familyNameKana: r.familyNameKana!,
            givenNameKana: r.givenNameKana!,
            kanaKey: normalizeKana(r.familyNameKana! + r.givenNameKana!),
            nameKey: normalizeKanjiName(r.familyName! + r.givenName!),
          })
          .where(eq(persons.id, personId!))
        break
      case 'householdChange':
        await db
          .update(persons)
          .set({ householdId: await householdId(r), relationship: r.relationship! })
          .where(eq(persons.id, personId!))
        break
      case 'moveOut':
      case 'death': {
        const event: LossEvent =
          r.kind === 'death'
            ? { kind: 'death', diedOn: r.changedOn }
            : {
                kind: 'moveOut',
                movedOutOn: r.changedOn,
                ...(r.residenceElsewhereFrom ? { residenceElsewhereFrom: r.residenceElsewhereFrom } : {}),
              }
        const { events } = historyAsKnownOn(await loadEvents(db, personId!), today)
        if (statusOn(events, r.changedOn).insured) {
          if ((await recordLoss(db, personId!, event, options)).added) eligibilityChanges++
        } else if (
          await appendEvent(db, {
            personId: personId!,
            kind: 'residenceEnd',
            reason: r.kind,
            effectiveOn: lossDate(event),
            detail: { factOn: r.changedOn },
            ...options,
          })
        )
          eligibilityChanges++
        break
      }
    }
    if (
      r.kind === 'moveIn' ||
      r.kind === 'birth' ||
      r.kind === 'householdChange' ||
      r.kind === 'addressChange' ||
      r.kind === 'residenceExceptionEnd'
    )
      await protectWithHousehold(r, personId!)
    touched.add(personId!)
    counts[KIND_LABEL[r.kind]] = (counts[KIND_LABEL[r.kind]] ?? 0) + 1
    await db
      .insert(intakeRecords)
      .values({ recordId: r.recordId, fileId: file!.id, line: r.line, kind: r.kind, personId })
  }
  await db.update(intakeFiles).set({ counts }).where(eq(intakeFiles.id, file!.id))
  return {
    ...result({ status: 'applied', ...base, applied: pending.length, eligibilityChanges, counts }),
    personIds: [...touched],
    joiners,
  }
}
