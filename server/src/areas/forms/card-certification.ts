/**
 * The 認定 face of the 被保険者証 from the records: the certification in force on the issue date (受給者台帳 of the
 * certification area, read through its index) and the 区分支給限度基準額 of its level from the masters in force
 * (national.monthlyBenefitCaps, 平成12年厚生省告示第33号).
 */
import { levelLabels } from '../../../../shared/api/certification-decisions'
import type { BenefitLevel, IsoDate } from '../../../../shared/domain'
import { memoryMasterReader, monthlyBenefitCapFromMasters } from '../../../../shared/masters/engine'
import type { Db, Tx } from '../../core/db/connect'
import { certificationsOf } from '../certification'
import { loadSnapshot } from '../masters'
import type { CardCertification } from './insurance-card'

const BENEFIT_LEVEL: Record<string, BenefitLevel> = {
  '12': 'support1',
  '13': 'support2',
  '21': 'care1',
  '22': 'care2',
  '23': 'care3',
  '24': 'care4',
  '25': 'care5',
}

export async function cardCertificationOf(
  db: Db | Tx,
  personId: number,
  on: IsoDate,
): Promise<CardCertification | null> {
  const c = (await certificationsOf(db, [personId], on)).get(personId)
  if (!c) return null
  const reader = memoryMasterReader(await loadSnapshot(db, ['national.monthlyBenefitCaps']))
  return {
    levelLabel: levelLabels[c.level] ?? c.level,
    decidedOn: c.decidedOn,
    validFrom: c.validFrom,
    validTo: c.validTo,
    monthlyCapUnits: monthlyBenefitCapFromMasters(reader, BENEFIT_LEVEL[c.level]!, on),
    boardOpinion: c.boardOpinion,
    serviceTypes: c.serviceTypes,
  }
}
