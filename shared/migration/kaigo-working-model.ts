/**
 * Our working model of the 介護保険 基本データリスト (docs/sources/migration.md §1.3: the official table list was not
 * available; groups and key items are modelled on the areas of the list and the seed's record kinds 資料56-2, and
 * the common management columns 履歴番号, 有効期間 開始/終了). Replace it with the edition the converter builds from
 * the official workbook (server/src/cli/data-list-from-workbook.ts); both can be shipped side by side.
 */
import type { CodeTable, DataListGroup, DataListItem, DataListSpec } from './data-list'

const item = (
  id: string,
  name: string,
  type: DataListItem['type'],
  length: number | null,
  required: boolean,
  extra: Partial<Pick<DataListItem, 'codeTable' | 'remarks' | 'fixedLength' | 'gaijiScan'>> = {},
): DataListItem => ({ id, name, type, length, required, codeTable: null, remarks: '', ...extra })

const personId = item('personId', '宛名番号', 'digits', 10, true, { fixedLength: true, remarks: '団体内統合宛名番号' })
const insuredNumber = item('insuredNumber', '被保険者番号', 'digits', 10, true, { fixedLength: true })
const historyNo = item('historyNo', '履歴番号', 'integer', 4, true, { remarks: '人ごとに1から連番（適用開始日の順）' })
const validFrom = item('validFrom', '適用開始日', 'date', 10, true)
const validTo = item('validTo', '適用終了日', 'date', 10, false, { remarks: '空欄は現在も有効' })

/** Code tables (docs/sources/interfaces.md §3 for the 中間標準レイアウト codes; the others are our model). */
export const KAIGO_CODE_TABLES: Readonly<Record<string, CodeTable>> = {
  sex: { name: 'sex', label: '性別', codes: { '1': '男', '2': '女' } },
  protection: { name: 'protection', label: '支援措置区分', codes: { '0': 'なし', '1': '支援措置対象者' } },
  insuredCategory: {
    name: 'insuredCategory',
    label: '被保険者区分',
    codes: { '1': '第1号被保険者', '2': '第2号被保険者' },
  },
  residenceException: {
    name: 'residenceException',
    label: '住所地特例区分',
    codes: { '0': '該当なし', '1': '住所地特例' },
  },
  acquisitionReason: {
    name: 'acquisitionReason',
    label: '資格取得事由',
    codes: { '01': '転入', '02': '65歳到達', '03': '40歳到達（第2号）', '04': '適用除外施設退所', '09': 'その他' },
  },
  lossReason: {
    name: 'lossReason',
    label: '資格喪失事由',
    codes: { '01': '転出', '02': '死亡', '03': '適用除外施設入所', '04': '医療保険脱退（第2号）', '09': 'その他' },
  },
  collectionMethod: { name: 'collectionMethod', label: '徴収方法', codes: { '1': '特別徴収', '2': '普通徴収' } },
  paymentChannel: {
    name: 'paymentChannel',
    label: '収納区分',
    codes: { '1': '窓口', '2': '口座振替', '3': 'コンビニ', '4': '特別徴収' },
  },
  careLevel: {
    name: 'careLevel',
    label: '要介護状態区分',
    // docs/sources/interfaces.md §3 (中間標準レイアウト 要介護状態区分)
    codes: {
      '00': '自立（非該当）',
      '11': '経過的要介護',
      '12': '要支援1',
      '13': '要支援2',
      '21': '要介護1',
      '22': '要介護2',
      '23': '要介護3',
      '24': '要介護4',
      '25': '要介護5',
    },
  },
}

const groups: DataListGroup[] = [
  {
    id: 'person',
    name: '宛名',
    fileName: 'atena.csv',
    seedRecordKinds: [1, 2, 3],
    key: ['personId', 'historyNo'],
    items: [
      personId,
      historyNo,
      validFrom,
      validTo,
      item('householdId', '世帯番号', 'digits', 10, true, { fixedLength: true }),
      item('familyName', '氏名（姓）', 'text', 25, true, { gaijiScan: true, remarks: '行政事務標準文字' }),
      item('givenName', '氏名（名）', 'text', 25, true, { gaijiScan: true }),
      item('familyNameKana', 'カナ氏名（姓）', 'text', 25, true),
      item('givenNameKana', 'カナ氏名（名）', 'text', 25, true),
      item('birthDate', '生年月日', 'date', 10, true),
      item('sex', '性別', 'code', 1, true, { codeTable: 'sex' }),
      item('postalCode', '郵便番号', 'text', 8, true),
      item('address', '住所', 'text', 100, true, { gaijiScan: true, remarks: '方書を含む' }),
      item('diedOn', '死亡日', 'date', 10, false),
      item('protection', '支援措置区分', 'code', 1, true, { codeTable: 'protection' }),
    ],
  },
  {
    id: 'mailingAddress',
    name: '送付先',
    fileName: 'sofusaki.csv',
    seedRecordKinds: [37],
    key: ['personId', 'historyNo'],
    items: [
      personId,
      historyNo,
      validFrom,
      validTo,
      item('recipientName', '送付先氏名', 'text', 50, true, { gaijiScan: true }),
      item('postalCode', '送付先郵便番号', 'text', 8, true),
      item('address', '送付先住所', 'text', 100, true, { gaijiScan: true }),
    ],
  },
  {
    id: 'insured',
    name: '被保険者',
    fileName: 'hihokensha.csv',
    seedRecordKinds: [24, 39, 40, 41, 42, 150, 151],
    key: ['personId', 'historyNo'],
    items: [
      insuredNumber,
      personId,
      historyNo,
      validFrom,
      validTo,
      item('insuredCategory', '被保険者区分', 'code', 1, true, { codeTable: 'insuredCategory' }),
      item('residenceException', '住所地特例区分', 'code', 1, true, { codeTable: 'residenceException' }),
      item('acquiredOn', '資格取得日', 'date', 10, true),
      item('acquisitionReason', '資格取得事由', 'code', 2, true, { codeTable: 'acquisitionReason' }),
      item('lostOn', '資格喪失日', 'date', 10, false),
      item('lossReason', '資格喪失事由', 'code', 2, false, { codeTable: 'lossReason' }),
    ],
  },
  {
    id: 'assessment',
    name: '賦課基本',
    fileName: 'fuka.csv',
    seedRecordKinds: [43, 46, 47],
    key: ['personId', 'fiscalYear'],
    items: [
      insuredNumber,
      personId,
      item('fiscalYear', '賦課年度', 'integer', 4, true),
      item('stage', '所得段階', 'integer', 2, true),
      item('months', '月割月数', 'integer', 2, true, { remarks: '0〜12' }),
      item('annualAmount', '年額保険料', 'yen', 9, true, { remarks: '月割後の年額' }),
      item('collectionMethod', '徴収方法', 'code', 1, true, { codeTable: 'collectionMethod' }),
    ],
  },
  {
    id: 'payment',
    name: '収納履歴',
    fileName: 'shuno.csv',
    seedRecordKinds: [49],
    key: ['personId', 'fiscalYear', 'installment'],
    items: [
      personId,
      item('fiscalYear', '賦課年度', 'integer', 4, true),
      item('installment', '期別', 'integer', 2, true),
      item('dueDate', '納期限', 'date', 10, true),
      item('paidOn', '収納日', 'date', 10, false),
      item('amount', '収納額', 'yen', 9, true),
      item('channel', '収納区分', 'code', 1, false, { codeTable: 'paymentChannel' }),
    ],
  },
  {
    id: 'certification',
    name: '要介護認定',
    fileName: 'nintei.csv',
    seedRecordKinds: [62, 119, 155],
    key: ['personId', 'historyNo'],
    items: [
      insuredNumber,
      personId,
      historyNo,
      item('appliedOn', '申請日', 'date', 10, true),
      item('decidedOn', '認定日', 'date', 10, true),
      item('careLevel', '要介護状態区分', 'code', 2, true, { codeTable: 'careLevel' }),
      validFrom,
      item('validTo', '適用終了日', 'date', 10, true, { remarks: '認定有効期間の終了日' }),
    ],
  },
]

/** The shipped edition: our working model of 基本データリスト 第4.0版 (docs/sources/migration.md §1.1). */
export const KAIGO_WORKING_MODEL: DataListSpec = {
  edition: {
    id: 'kaigo-4.0-working',
    dataList: '第4.0版',
    standard: '第6.0版',
    infrastructureIf: '第2.0版',
    source: '作業モデル（docs/sources/migration.md §1.3）',
  },
  groups,
  codeTables: KAIGO_CODE_TABLES,
}

/** Editions the importer speaks, by id. */
export const DATA_LIST_EDITIONS: Readonly<Record<string, DataListSpec>> = {
  [KAIGO_WORKING_MODEL.edition.id]: KAIGO_WORKING_MODEL,
}
