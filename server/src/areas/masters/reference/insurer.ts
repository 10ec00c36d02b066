/**
 * 保険者情報: the ward as insurer. Number and 地域区分 come from shared/domain (the number is ⚠️ computed); the
 * municipality code, office address and department are public facts about the ward office, flagged until checked.
 */
import { SHINJUKU_INSURER_NUMBER, SHINJUKU_REGION_GRADE, SHINJUKU_UNVERIFIED } from '../../../../../shared/domain'
import { INSURER_KEY } from '../../../../../shared/masters/engine'
import type { MasterRowDraft } from '../../../../../shared/masters/rows'

export function insurerDrafts(): MasterRowDraft[] {
  const insurerNote = SHINJUKU_UNVERIFIED.find((u) => u.startsWith('insurerNumber')) ?? 'insurerNumber'
  return [
    {
      key: INSURER_KEY,
      validFrom: null,
      validTo: null,
      payload: {
        insurerNumber: SHINJUKU_INSURER_NUMBER,
        name: '新宿区',
        municipalityCode: '131041',
        department: '福祉部 介護保険課',
        postalCode: '160-8484',
        address: '東京都新宿区歌舞伎町一丁目4番1号',
        regionGrade: SHINJUKU_REGION_GRADE,
        source: 'shared/domain (保険者番号・地域区分); 区役所の所在地・全国地方公共団体コードは公開情報',
        unverified: [
          { path: 'insurerNumber', note: insurerNote },
          { path: 'department', note: '課の名称・所在地は区の組織規則で要確認' },
        ],
      },
    },
  ]
}
