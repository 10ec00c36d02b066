import type { UserProfile } from '../../../shared/api/auth'
import { CorrectionQueueScreen } from '../features/eligibility/CorrectionQueueScreen'
import { AdminScreen } from '../features/admin/AdminScreen'
import { ExportScreen } from '../features/export/ExportScreen'
import { MastersScreen } from '../features/masters/MastersScreen'
import { PersonSearchScreen } from '../features/persons/PersonSearchScreen'
import { PersonView } from '../features/persons/PersonView'
import { RetentionScreen } from '../features/retention/RetentionScreen'
import { PremiumBatchScreen } from '../features/premiums/PremiumBatchScreen'
import { DirectDebitScreen } from '../features/premiums/accounts/DirectDebitScreen'
import { PensionExchangeScreen } from '../features/premiums/pension-exchange/PensionExchangeScreen'
import { DunningScreen } from '../features/collection/dunning/DunningScreen'
import { PaymentIntakeScreen } from '../features/collection/payments/PaymentIntakeScreen'
import { ArrearsScreen } from '../features/collection/arrears/ArrearsScreen'
import { ReductionQueueScreen } from '../features/premiums/reductions/ReductionQueueScreen'
import { ClockBoardScreen } from '../features/certification/ClockBoardScreen'
import { BoardScreen } from '../features/certification/board/BoardScreen'
import { StatisticsScreen } from '../features/statistics/StatisticsScreen'
import { EucExtractScreen } from '../features/statistics/EucExtractScreen'
import { MigrationScreen } from '../features/migration/MigrationScreen'
import { KokuhorenScreen } from '../features/kokuhoren/KokuhorenScreen'
import { usePersonSearchStore } from '../features/persons/person-search-store'
import { useMay } from '../stores/session-store'
import { assertNever, currentScreen, useNavigationStore } from './navigation-store'

/** The screen on top of the navigation stack; the switch is checked for exhaustiveness by TypeScript. */
export function ScreenHost(props: {
  user: UserProfile
  onOpenPerson(personId: number): Promise<void>
  onOpenCorrectionQueue(): void
}) {
  const screen = useNavigationStore(currentScreen)
  const below = useNavigationStore((s) => s.screens.at(-2))
  const { back, leave } = useNavigationStore()
  const selected = usePersonSearchStore((s) => s.selected)
  const mayApproveCorrections = useMay('eligibility.approveCorrection')

  switch (screen.kind) {
    case 'personSearch':
      return (
        <PersonSearchScreen
          onOpen={(id) => void props.onOpenPerson(id)}
          {...(mayApproveCorrections ? { onOpenCorrectionQueue: props.onOpenCorrectionQueue } : {})}
        />
      )
    case 'person':
      if (!selected || selected.id !== screen.personId) return null
      return (
        <PersonView
          person={selected}
          onBack={back}
          {...(below?.kind === 'correctionQueue' ? { backLabel: '承認待ち一覧に戻る' } : {})}
        />
      )
    case 'correctionQueue':
      return (
        <CorrectionQueueScreen
          loginId={props.user.loginId}
          onOpenPerson={(id) => void props.onOpenPerson(id)}
          onClose={() => leave('correctionQueue')}
        />
      )
    case 'masters':
      return <MastersScreen user={props.user} onClose={() => leave('masters')} />
    case 'export':
      return <ExportScreen user={props.user} onClose={() => leave('export')} />
    case 'admin':
      return <AdminScreen user={props.user} onClose={() => leave('admin')} />
    case 'retention':
      return <RetentionScreen user={props.user} onClose={() => leave('retention')} />
    case 'premiumBatches':
      return <PremiumBatchScreen user={props.user} onClose={() => leave('premiumBatches')} />
    case 'reductionQueue':
      return <ReductionQueueScreen user={props.user} onClose={() => leave('reductionQueue')} />
    case 'directDebit':
      return <DirectDebitScreen onClose={() => leave('directDebit')} />
    case 'pensionExchange':
      return <PensionExchangeScreen onClose={() => leave('pensionExchange')} />
    case 'dunning':
      return <DunningScreen user={props.user} onClose={() => leave('dunning')} />
    case 'paymentIntake':
      return <PaymentIntakeScreen onClose={() => leave('paymentIntake')} />
    case 'arrears':
      return <ArrearsScreen onClose={() => leave('arrears')} />
    case 'certificationClock':
      return <ClockBoardScreen user={props.user} onClose={() => leave('certificationClock')} />
    case 'certificationBoard':
      return <BoardScreen onClose={() => leave('certificationBoard')} />
    case 'statistics':
      return <StatisticsScreen onClose={() => leave('statistics')} />
    case 'eucExtract':
      return <EucExtractScreen onClose={() => leave('eucExtract')} />
    case 'migration':
      return <MigrationScreen onClose={() => leave('migration')} />
    case 'kokuhoren':
      return <KokuhorenScreen user={props.user} onClose={() => leave('kokuhoren')} />
    default:
      return assertNever(screen)
  }
}
