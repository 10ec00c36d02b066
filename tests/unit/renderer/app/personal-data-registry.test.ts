/// <reference types="vite/client" />
import { beforeEach, describe, expect, it, vi } from 'vitest'

// The stores reach the world only through the bridge; here it answers as main would, without a window.
vi.mock('../../../../renderer/src/platform/bridge', () => ({
  isBrowserShell: false,
  api: {
    auth: { logout: vi.fn(async () => ({ ok: true, value: {} })) },
    person: {
      summary: vi.fn(async () => ({ ok: true, value: person })),
      search: vi.fn(),
    },
  },
}))

const NAME = '山田 太郎'
const person = {
  id: 41,
  name: NAME,
  nameKana: 'ヤマダ タロウ',
  address: '東京都新宿区西新宿二丁目8番1号',
  insuredNumber: '0000012345',
  householdMembers: [{ id: 42, name: '山田 花子', relationship: '妻', birthDate: '1962-05-05' }],
}

/** Every store module of the renderer, loaded as the app loads them (each registers itself at load). */
const storeModules = import.meta.glob<Record<string, unknown>>('../../../../renderer/src/**/*-store.ts', {
  eager: true,
})

const { clearPersonalData, personalDataStores } = await import('../../../../renderer/src/app/personal-data-registry')
const { logOut } = await import('../../../../renderer/src/app/session')
const { screenLocked } = await import('../../../../renderer/src/features/lock/use-lock')
const { useNavigationStore } = await import('../../../../renderer/src/app/navigation-store')
const { usePersonSearchStore } = await import('../../../../renderer/src/features/persons/person-search-store')
const { useExportStore } = await import('../../../../renderer/src/features/export/export-store')
const { useSessionStore } = await import('../../../../renderer/src/stores/session-store')
const { useAuditAnalysisStore } = await import('../../../../renderer/src/features/admin/audit-analysis-store')
const { useRetentionStore } = await import('../../../../renderer/src/features/retention/retention-store')
const { usePremiumPersonStore } = await import('../../../../renderer/src/features/premiums/premium-person-store')
const { usePremiumBatchStore } = await import('../../../../renderer/src/features/premiums/premium-batch-store')
const { useBankAccountStore } = await import('../../../../renderer/src/features/premiums/accounts/bank-account-store')
const { useReductionQueueStore } =
  await import('../../../../renderer/src/features/premiums/reductions/reduction-queue-store')
const { useStatisticsStore } = await import('../../../../renderer/src/features/statistics/statistics-store')
const { useMigrationStore } = await import('../../../../renderer/src/features/migration/migration-store')
const { useBenefitsStore } = await import('../../../../renderer/src/features/benefits/benefits-store')
const { useKokuhorenStore } = await import('../../../../renderer/src/features/kokuhoren/kokuhoren-store')

/** Store modules that hold a resident's data and must be emptied on logout and lock, with the name they register. */
const PERSONAL_DATA_STORES: Record<string, string> = {
  'app/navigation-store.ts': 'navigation',
  'features/export/export-store.ts': 'export',
  // Administration: staff names and reasons; the audit report's purposes are free text that may name a resident.
  'features/admin/accounts-store.ts': 'adminAccounts',
  'features/admin/designations-store.ts': 'adminDesignations',
  'features/admin/audit-analysis-store.ts': 'adminAuditAnalysis',
  'features/admin/security-events-store.ts': 'adminSecurityEvents',
  'features/persons/person-search-store.ts': 'personSearch',
  // The persons of a retention run (C-20): residents' names and 被保険者番号.
  'features/retention/retention-store.ts': 'retention',
  // 賦課: a person's premiums, incomes and household tax status; the batch diff and refused list name residents.
  'features/premiums/premium-person-store.ts': 'premiumPerson',
  'features/premiums/premium-batch-store.ts': 'premiumBatches',
  // 口座: a resident's bank account and holder; 口座振替依頼: the file's name and totals of a 振替日.
  'features/premiums/accounts/bank-account-store.ts': 'premiumBankAccounts',
  'features/premiums/accounts/direct-debit-store.ts': 'premiumDirectDebit',
  // 年金特別徴収: the 依頼 file's persons and amounts, the unmatched records of an import (カナ氏名, 生年月日).
  'features/premiums/pension-exchange/pension-exchange-store.ts': 'pensionExchange',
  // 減免・徴収猶予: a person's applications (incomes, damage) and the 監督者's queue naming residents.
  'features/premiums/reductions/reduction-person-store.ts': 'premiumReductionsPerson',
  'features/premiums/reductions/reduction-queue-store.ts': 'premiumReductionQueue',
  // 保険料通知書: a person's issuance ledger (recipient names and addresses as printed).
  'features/premiums/notices/notice-store.ts': 'premiumNotices',
  // 送付先: where a resident's notices go (施設, 成年後見人), a protected person's included for those who may see it.
  'features/persons/mailing/mailing-address-store.ts': 'mailingAddress',
  // 督促・不納欠損: the installments of a run name residents and their arrears.
  'features/collection/dunning/dunning-store.ts': 'dunningRuns',
  // 消込: the work list names residents, their 被保険者番号 and payments.
  'features/collection/payments/payment-intake-store.ts': 'paymentIntake',
  // 収納台帳: a person's payments, balances and refunds.
  'features/collection/collection-ledger-store.ts': 'collectionLedger',
  // 滞納管理: the 滞納者 list and a person's case (debts, contacts, plans, 財産調査, 給付制限).
  'features/collection/arrears/arrears-store.ts': 'arrears',
  // 要介護認定: a person's cases (clock, 第2号 details) and 基本チェックリスト.
  'features/certification/certification-store.ts': 'certificationPerson',
  'features/certification/board/board-store.ts': 'certificationBoard',
  // 統計・報告: the drill-down from a report cell names its persons (small cells can point at one, too).
  'features/statistics/statistics-store.ts': 'statistics',
  // EUC抽出: a run's first rows (names and addresses when a reason unmasks them) and the file's one-time password.
  'features/statistics/euc-store.ts': 'euc',
  // データ移行: the validation findings, 外字 samples and differences name residents (names, 宛名番号).
  'features/migration/migration-store.ts': 'migration',
  // 受給者・給付: a person's 給付実績, 負担割合 and its income basis, 負担限度額認定 (savings), 償還払 applications.
  'features/benefits/benefits-store.ts': 'benefits',
  // 国保連連携: the 531 records, the persons held back and the 更新結果 work list name residents (氏名, 被保険者番号).
  'features/kokuhoren/kokuhoren-store.ts': 'kokuhoren',
}

/** Store modules that hold no resident's data, and why. */
const WITHOUT_PERSONAL_DATA: Record<string, string> = {
  'stores/session-store.ts': 'the signed-in staff member and the app info',
  'features/lock/lock-store.ts': 'the locked staff member',
  'features/masters/masters-store.ts': 'the master cache status (master data only)',
  'features/premiums/notices/notice-batch-store.ts': 'the counts and progress of a batch print (no resident)',
}

type Store = { getState(): object }
const isStore = (value: unknown): value is Store =>
  typeof value === 'function' && typeof (value as Partial<Store>).getState === 'function'

/** Every zustand store the modules export. */
const allStores = (): Store[] => Object.values(storeModules).flatMap((m) => Object.values(m).filter(isStore))

/** Fills every personal-data store with a resident named 山田 太郎. */
async function fillWithResident() {
  const search = usePersonSearchStore.getState()
  search.setForm({ name: NAME, kana: 'ヤマダ' })
  search.setResult({ items: [person], total: 1, page: 1, pageSize: 50 } as never, search.form)
  await search.open(person.id)
  useNavigationStore.getState().show({ kind: 'person', personId: person.id })
  useNavigationStore.getState().openDialog({
    kind: 'eligibilityCorrection',
    personId: person.id,
    events: [{ id: 1, kind: 'acquisition', detail: { note: `${NAME}の転入` } } as never],
  })
  const row = { id: 7, purpose: `${NAME}ほか1名の照会回答`, requestedBy: NAME, personCount: 2 }
  useExportStore.setState({ mine: [row as never], pending: [row as never], ledger: [row as never] })
  const access = { seq: 9, personIds: [person.id], purpose: `${NAME}の住所照会（支援措置）` }
  useAuditAnalysisStore.setState({
    report: { busy: false, error: null, data: { protectedAccess: [access], protectedAccessTotal: 1 } as never },
  })
  const runPerson = {
    personId: person.id,
    insuredNumber: person.insuredNumber,
    name: NAME,
    nameKana: 'ヤマダ タロウ',
    lostOn: '2021-04-01',
    keepUntil: '2026-04-01',
  }
  useRetentionStore.setState({
    selectedId: 3,
    persons: { busy: false, error: null, data: { runId: 3, persons: [runPerson] } },
  })
  usePremiumPersonStore.setState({
    personId: person.id,
    assessments: { busy: false, error: null, data: { personId: person.id, versions: [{ note: NAME } as never] } },
  })
  usePremiumBatchStore.setState({
    selectedId: 2,
    detail: {
      busy: false,
      error: null,
      data: { refused: [{ personId: person.id, name: NAME, reason: '課税情報なし' }] } as never,
    },
  })
  useBankAccountStore.setState({
    personId: person.id,
    accounts: {
      busy: false,
      error: null,
      data: { personId: person.id, accounts: [], history: [{ holderKana: NAME } as never] },
    },
  })
  useReductionQueueStore.setState({ queue: { busy: false, error: null, data: [{ person: { name: NAME } } as never] } })
  useStatisticsStore.setState({
    drillDown: {
      busy: false,
      error: null,
      data: { cellId: 'certified.total.c1', label: '計 第1号被保険者', value: 1, rows: [{ name: NAME } as never] },
    },
  })
  useMigrationStore.setState({
    report: { busy: false, error: null, data: { extractId: 3, total: 1, findings: [{ value: NAME } as never] } },
  })
  useBenefitsStore.setState({
    personId: person.id,
    reimbursements: {
      busy: false,
      error: null,
      data: { personId: person.id, applications: [{ id: 5, provider: `${NAME}様邸 施工` } as never] },
    },
  })
  useKokuhorenStore.setState({
    workList: {
      busy: false,
      error: null,
      data: { open: 1, resolved: 0, items: [{ workItemId: 3, name: NAME, explanation: '12P4: …' } as never] },
    },
  })
  useSessionStore.getState().signedIn({ loginId: 'shikaku01', displayName: '職員 一郎', permissions: [] } as never)
  // The resident is really there before the session ends.
  expect(JSON.stringify(allStores().map((s) => s.getState()))).toContain(NAME)
}

const heldNames = () =>
  allStores()
    .map((s) => JSON.stringify(s.getState()))
    .filter((state) => state.includes('山田'))

describe('personal-data registry: every store holding a resident is emptied on logout and on lock', () => {
  beforeEach(() => clearPersonalData())

  it('leaves no resident name in any store after logout', async () => {
    await fillWithResident()
    await logOut()
    expect(heldNames()).toEqual([])
    expect(useSessionStore.getState().user).toBeNull()
  })

  it('leaves no resident name in any store after the screen locks', async () => {
    await fillWithResident()
    screenLocked(() => useSessionStore.getState().signedOut())
    expect(heldNames()).toEqual([])
  })

  it('returns to the home screen with no dialog open', async () => {
    await fillWithResident()
    await logOut()
    expect(useNavigationStore.getState().screens).toEqual([{ kind: 'personSearch' }])
    expect(useNavigationStore.getState().dialogs).toEqual([])
  })
})

describe('personal-data registry: which stores are registered', () => {
  it('registers exactly the stores listed as holding personal data', () => {
    expect([...personalDataStores()].sort()).toEqual(Object.values(PERSONAL_DATA_STORES).sort())
  })

  it('knows every store module of the renderer: registered, or listed with the reason it holds no resident', () => {
    const modules = Object.keys(storeModules)
      .map((path) => path.replace(/^.*renderer\/src\//, ''))
      .sort()
    // A new store module must register itself (and be added above) or be listed with its reason.
    expect(modules).toEqual([...Object.keys(PERSONAL_DATA_STORES), ...Object.keys(WITHOUT_PERSONAL_DATA)].sort())
  })

  it('replaces a store registered twice under the same name, and unregisters it', async () => {
    const { registerPersonalData } = await import('../../../../renderer/src/app/personal-data-registry')
    const reset = vi.fn()
    const off = registerPersonalData('probe', reset)
    expect(personalDataStores()).toContain('probe')
    clearPersonalData()
    expect(reset).toHaveBeenCalledOnce()
    off()
    expect(personalDataStores()).not.toContain('probe')
  })
})
