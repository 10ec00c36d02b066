import { beforeEach, describe, expect, it } from 'vitest'
import {
  assertNever,
  currentScreen,
  isOpen,
  useNavigationStore,
  type Screen,
} from '../../../../renderer/src/app/navigation-store'

const nav = () => useNavigationStore.getState()
const kinds = () => nav().screens.map((s) => s.kind)

describe('navigation: the screens form a stack over the person search', () => {
  beforeEach(() => nav().reset())

  it('starts on the person search, with no dialog', () => {
    expect(currentScreen(nav())).toEqual({ kind: 'personSearch' })
    expect(nav().dialogs).toEqual([])
  })

  it('shows a screen over the current one, and back returns to it', () => {
    nav().show({ kind: 'person', personId: 3 })
    expect(currentScreen(nav())).toEqual({ kind: 'person', personId: 3 })
    nav().back()
    expect(currentScreen(nav())).toEqual({ kind: 'personSearch' })
  })

  it('never goes back past the home screen', () => {
    nav().back()
    expect(kinds()).toEqual(['personSearch'])
  })

  it('does not stack the screen already shown twice (a double press)', () => {
    nav().show({ kind: 'masters' })
    nav().show({ kind: 'masters' })
    expect(kinds()).toEqual(['personSearch', 'masters'])
  })

  it('stacks another person over a person', () => {
    nav().show({ kind: 'person', personId: 3 })
    nav().show({ kind: 'person', personId: 4 })
    expect(kinds()).toEqual(['personSearch', 'person', 'person'])
  })

  it('opens a person over the correction queue, so that back returns to the queue', () => {
    nav().showFromHome({ kind: 'correctionQueue' })
    nav().show({ kind: 'person', personId: 9 })
    expect(isOpen(nav(), 'correctionQueue')).toBe(true)
    nav().back()
    expect(currentScreen(nav())).toEqual({ kind: 'correctionQueue' })
  })

  it('opens the correction queue from a person with the person closed', () => {
    nav().show({ kind: 'person', personId: 9 })
    nav().showFromHome({ kind: 'correctionQueue' })
    expect(kinds()).toEqual(['personSearch', 'correctionQueue'])
  })

  it('leaves a screen from anywhere in the stack, and the one under it shows again', () => {
    nav().show({ kind: 'person', personId: 9 })
    nav().show({ kind: 'masters' })
    nav().leave('masters')
    expect(currentScreen(nav())).toEqual({ kind: 'person', personId: 9 })
    nav().leave('personSearch')
    expect(kinds()).toEqual(['personSearch', 'person'])
  })
})

describe('navigation: the dialogs form a stack of their own', () => {
  beforeEach(() => nav().reset())

  it('opens dialogs on top and closes the top one', () => {
    nav().openDialog({ kind: 'age65Batch' })
    nav().openDialog({ kind: 'residentChangeIntake' })
    nav().closeDialog()
    expect(nav().dialogs).toEqual([{ kind: 'age65Batch' }])
  })

  it('does not open the dialog already on top twice (an F-key pressed again)', () => {
    nav().openDialog({ kind: 'insuranceCard', personId: 1 })
    nav().openDialog({ kind: 'insuranceCard', personId: 1 })
    expect(nav().dialogs).toHaveLength(1)
  })

  it('closes the dialogs when the screen changes back, and on reset', () => {
    nav().show({ kind: 'person', personId: 1 })
    nav().openDialog({ kind: 'provisionalCard', personId: 1 })
    nav().back()
    expect(nav().dialogs).toEqual([])
    nav().openDialog({ kind: 'age65Batch' })
    nav().reset()
    expect(nav().dialogs).toEqual([])
  })
})

describe('navigation: a switch over the screens is exhaustive', () => {
  it('names every screen in a switch that TypeScript checks', () => {
    const title = (screen: Screen): string => {
      switch (screen.kind) {
        case 'personSearch':
          return '被保険者検索'
        case 'person':
          return '被保険者の照会'
        case 'correctionQueue':
          return '資格訂正の承認待ち一覧'
        case 'masters':
          return 'マスタ'
        case 'export':
          return '持出管理'
        case 'admin':
          return '管理'
        case 'retention':
          return '保存期間・消去'
        case 'premiumBatches':
          return '賦課バッチ'
        case 'reductionQueue':
          return '減免・徴収猶予の決定待ち'
        case 'directDebit':
          return '口座振替依頼データ'
        case 'pensionExchange':
          return '年金特別徴収'
        case 'dunning':
          return '督促・不納欠損バッチ'
        case 'paymentIntake':
          return '収納データの取込・消込'
        case 'arrears':
          return '滞納管理'
        case 'certificationClock':
          return '認定の進捗管理'
        case 'certificationBoard':
          return '介護認定審査会'
        case 'statistics':
          return '統計・報告'
        case 'eucExtract':
          return 'EUC抽出'
        case 'migration':
          return 'データ移行'
        case 'kokuhoren':
          return '国保連連携'
        default:
          return assertNever(screen)
      }
    }
    expect(title({ kind: 'export' })).toBe('持出管理')
    expect(title({ kind: 'retention' })).toBe('保存期間・消去')
    expect(title({ kind: 'migration' })).toBe('データ移行')
    expect(title({ kind: 'kokuhoren' })).toBe('国保連連携')
    expect(() => assertNever({ kind: 'unknown' } as never)).toThrow()
  })
})
