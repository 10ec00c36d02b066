/**
 * 給付実績 routes (docs/benefits.md §3–§4): import the 国保連's 給付実績情報 file (malware scan first, control C-05; the
 * whole file checked, then applied in the request's transaction), and a person's months of service against the
 * 区分支給限度基準額. Every answer naming persons names them in its audit row. Thin: parse → the service → answer.
 */
import { and, eq, lte, gte, desc } from 'drizzle-orm'
import {
  monthlyBenefitCap,
  ParameterNotFoundError,
  SHINJUKU_INSURER_NUMBER,
  todayInJapan,
  type BenefitLevel,
  type IsoDate,
} from '../../../../../shared/domain'
import { memoryMasterReader, wardParametersOn } from '../../../../../shared/masters/engine'
import type { Db, Tx } from '../../../core/db/connect'
import { notScannedNote, uploadedBytes, type ImportFiles } from '../../../core/files/import-files'
import { defineRoute } from '../../../core/http/route'
import { certifiedPersons } from '../../certification'
import { loadSnapshot } from '../../masters'
import { loadPerson } from '../../persons'
import { importBenefitRecordFile } from './import'
import { benefitClaimsOf } from './reads'

/** The ward's 保険者番号 on a day (ward parameter numbering.insurerNumber; the shipped ward's when none is in force). */
async function insurerNumberOn(db: Db | Tx, on: IsoDate): Promise<string> {
  const reader = memoryMasterReader(await loadSnapshot(db, ['ward.parameters']))
  try {
    return wardParametersOn(reader, on).value.value.numbering.insurerNumber
  } catch (error) {
    if (!(error instanceof ParameterNotFoundError)) throw error
    return SHINJUKU_INSURER_NUMBER
  }
}

/** 要介護状態区分コード (docs/interfaces/kokuhoren.md §1.4) → the level of the monthly cap. */
const levelOfCode: Readonly<Record<string, BenefitLevel>> = {
  '11': 'transitionalCare',
  '12': 'support1',
  '13': 'support2',
  '21': 'care1',
  '22': 'care2',
  '23': 'care3',
  '24': 'care4',
  '25': 'care5',
}

/**
 * Service types outside the 区分支給限度基準額 (介護保険法第43条: 居宅サービス等区分; 施設サービス and the 居住系
 * services have no such cap): 施設 51–55, 認知症対応型共同生活介護 32/37, 特定施設 33/35/36, 居宅療養管理指導 31/34.
 */
const OUTSIDE_CAP = new Set(['31', '32', '33', '34', '35', '36', '37', '51', '52', '53', '54', '55'])

export function benefitRecordRoutes(deps: { importFiles: ImportFiles }) {
  return [
    defineRoute({
      name: 'benefits.importRecords',
      access: { kind: 'permission', permission: 'benefits.recordsImport' },
      personalData: true,
      audit: { action: 'benefits.importRecords' },
      // All or nothing in the request's transaction; the same file (SHA-256) applies once.
      effect: 'create',
      async handle({ input, db, user, audit, now, terminalId }) {
        const file = await deps.importFiles.receiveFor(
          { user, terminalId, now },
          { bytes: uploadedBytes(input), fileName: input.fileName, kind: 'kokuhoren' },
          { audit, what: '給付実績取込' },
        )
        const { personIds, ...result } = await importBenefitRecordFile(
          db,
          {
            fileName: input.fileName,
            bytes: file.bytes,
            sha256: file.sha256,
            insurerNumber: await insurerNumberOn(db, todayInJapan(now)),
            dryRun: input.dryRun,
          },
          { userId: user?.id ?? null, now },
        )
        audit.targets(personIds)
        audit.purpose(
          `給付実績取込 ${input.fileName} ${result.status} 基本 ${result.claims}件 明細 ${result.details}件 重複 ${result.duplicates}件 要確認 ${result.work}件 費用額 ${result.totals.cost}円${notScannedNote(file.scan)}`,
        )
        return { ...result, warnings: [...file.warnings, ...result.warnings] }
      },
    }),
    defineRoute({
      name: 'benefits.personMonths',
      access: { kind: 'permission', permission: 'benefits.recordsRead' },
      personalData: true,
      audit: { action: 'benefits.personMonths' },
      effect: 'read',
      async handle({ input, db, audit, permissions, user }) {
        // 支援措置: the guard every person read goes through.
        await loadPerson(db, input.personId, 'benefits.recordsRead', { permissions, user })
        const claims = await benefitClaimsOf(db, [input.personId], input.fromMonth, input.toMonth)
        const certifications = await db
          .select({ level: certifiedPersons.level, from: certifiedPersons.validFrom, to: certifiedPersons.validTo })
          .from(certifiedPersons)
          .where(
            and(
              eq(certifiedPersons.personId, input.personId),
              lte(certifiedPersons.validFrom, `${input.toMonth}-31`),
              gte(certifiedPersons.validTo, `${input.fromMonth}-01`),
            ),
          )
          .orderBy(desc(certifiedPersons.id))
        const months = [...new Set(claims.map((c) => c.serviceMonth))].sort().reverse()
        audit.targets([input.personId])
        audit.purpose(`給付実績 月別利用状況 ${input.fromMonth}〜${input.toMonth} ${months.length}か月`)
        return {
          personId: input.personId,
          months: months.map((month) => {
            const first = `${month}-01` as IsoDate
            const of = claims.filter((c) => c.serviceMonth === month)
            const level = certifications.find((c) => c.from <= first && c.to >= first)?.level ?? null
            const capLevel = level === null ? undefined : levelOfCode[level]
            const sum = (pick: (c: (typeof of)[number]) => number) => of.reduce((t, c) => t + pick(c), 0)
            return {
              serviceMonth: month,
              level,
              capUnits: capLevel === undefined ? null : monthlyBenefitCap(capLevel, first),
              cappedUnits: sum((c) => (c.serviceType !== null && OUTSIDE_CAP.has(c.serviceType) ? 0 : c.units)),
              units: sum((c) => c.units),
              cost: sum((c) => c.cost),
              insurerShare: sum((c) => c.insurerShare),
              copay: sum((c) => c.copay),
              publicExpense: sum((c) => c.publicExpense),
              claims: of.map((c) => ({
                providerNumber: c.providerNumber,
                serviceType: c.serviceType,
                units: c.units,
                cost: c.cost,
                copay: c.copay,
              })),
            }
          }),
        }
      },
    }),
  ]
}
