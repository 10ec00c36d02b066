import { useCallback, useEffect, useState } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import CircularProgress from '@mui/material/CircularProgress'
import { AppHeader } from '../components/AppHeader'
import { VerificationBanner } from '../components/VerificationBanner'
import { LockScreen } from '../features/lock/LockScreen'
import { useLock } from '../features/lock/use-lock'
import { LoginScreen } from '../features/login/LoginScreen'
import { MasterCacheBar } from '../features/masters/MasterCacheBar'
import { usePersonSearchStore } from '../features/persons/person-search-store'
import { isBrowserShell } from '../platform/bridge'
import { useMay, useSessionStore } from '../stores/session-store'
import { DialogHost } from './DialogHost'
import { isOpen, useNavigationStore } from './navigation-store'
import { ScreenHost } from './ScreenHost'
import { endSession, loadSession, logOut } from './session'

export function App() {
  const { appInfo, user } = useSessionStore()
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    void loadSession().then((message) => {
      setError(message)
      setLoading(false)
    })
  }, [])

  const logout = useCallback(() => void logOut(), [])
  // C-31: on lock every personal-data store is cleared and only the lock screen remains.
  const locked = useLock(endSession)

  const { show, showFromHome } = useNavigationStore()
  const openPerson = usePersonSearchStore((s) => s.open)
  const open = useCallback(
    async (personId: number) => {
      const res = await openPerson(personId)
      if (res.outcome === 'opened') show({ kind: 'person', personId })
      else if (res.outcome === 'signedOut') endSession()
      else setError(res.message)
    },
    [openPerson, show],
  )

  // C-21: 持出管理 for those who may request or approve an export (the server checks the permission again).
  const mayExport = useMay('export.request', 'export.approve')
  const exportOpen = useNavigationStore((s) => isOpen(s, 'export'))
  // 資格訂正の承認待ち一覧 for those who may approve a correction (the server checks it again).
  const mayApproveCorrections = useMay('eligibility.approveCorrection')
  const queueOpen = useNavigationStore((s) => isOpen(s, 'correctionQueue'))
  const openQueue = useCallback(() => showFromHome({ kind: 'correctionQueue' }), [showFromHome])
  // 管理 (accounts, designations, audit analysis, security events) for those who may use any of it.
  const mayAdmin = useMay('user.read', 'audit.report', 'security.readEvents')
  const adminOpen = useNavigationStore((s) => isOpen(s, 'admin'))
  // C-20: 保存期間・消去 for those who may see the retention runs (資格担当 prepares, 監督者 approves).
  const mayRetention = useMay('retention.view')
  const retentionOpen = useNavigationStore((s) => isOpen(s, 'retention'))
  // 賦課バッチ for those who may run a batch (賦課収納担当) or sign one off (監督者); the server checks it again.
  const mayPremiumBatches = useMay('premiums.batch', 'premiums.batchApprove')
  const premiumBatchesOpen = useNavigationStore((s) => isOpen(s, 'premiumBatches'))
  // 減免・徴収猶予の決定待ち for the 監督者, 口座振替依頼 for those who make the file; the server checks it again.
  const mayReductionQueue = useMay('premiums.reductionDecide')
  const reductionQueueOpen = useNavigationStore((s) => isOpen(s, 'reductionQueue'))
  const mayDirectDebit = useMay('premiums.directDebitFile', 'premiums.batchApprove')
  const directDebitOpen = useNavigationStore((s) => isOpen(s, 'directDebit'))
  // 年金特別徴収 for the 賦課収納担当 (files in and out) and the 監督者 (signs a 依頼 file off); the server checks it again.
  const mayPensionExchange = useMay('premiums.withholdingExchange', 'premiums.batchApprove')
  const pensionExchangeOpen = useNavigationStore((s) => isOpen(s, 'pensionExchange'))
  // 督促・不納欠損 for those who prepare the runs (収納担当) or sign them off (監督者); the server checks it again.
  const mayDunning = useMay('collection.dunningBatch', 'collection.writeOffApprove')
  const dunningOpen = useNavigationStore((s) => isOpen(s, 'dunning'))
  // 収納データの取込・消込 for the 収納担当; the server checks it again.
  const mayPaymentIntake = useMay('collection.intake')
  const paymentIntakeOpen = useNavigationStore((s) => isOpen(s, 'paymentIntake'))
  // 滞納管理 for the 滞納担当 and the 監督者 (who decides 給付制限); the server checks it again.
  const mayArrears = useMay('arrears.read')
  const arrearsOpen = useNavigationStore((s) => isOpen(s, 'arrears'))
  // 認定の進捗管理（30日ボード） for the 認定担当, the 相談センター (own area) and the 監督者; the server scopes it again.
  const mayCertificationClock = useMay('certification.read')
  const certificationClockOpen = useNavigationStore((s) => isOpen(s, 'certificationClock'))
  // 介護認定審査会 (事務局・判定・通知) for the 認定担当; the server checks it again.
  const mayCertificationBoard = useMay('certification.board')
  const certificationBoardOpen = useNavigationStore((s) => isOpen(s, 'certificationBoard'))
  // 統計・報告（事業状況報告）for those who may read the reports; the server checks it again (提出 needs statistics.submit).
  const mayStatistics = useMay('statistics.read')
  const statisticsOpen = useNavigationStore((s) => isOpen(s, 'statistics'))
  // データ移行（移行コックピット）for the 移行担当 and the 監督者; the server checks every action again.
  const mayMigration = useMay('migration.read')
  const migrationOpen = useNavigationStore((s) => isOpen(s, 'migration'))
  // 国保連連携（受給者異動連絡票・更新結果）for the 給付担当 and the 監督者; the server checks every action again.
  const mayKokuhoren = useMay('kokuhoren.read')
  const kokuhorenOpen = useNavigationStore((s) => isOpen(s, 'kokuhoren'))

  const verification = isBrowserShell || appInfo?.verificationMode
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
      {verification && <VerificationBanner />}
      <AppHeader user={user} insurerName={appInfo?.insurerName ?? null} onLogout={logout} />
      {user &&
        !locked &&
        ((mayExport && !exportOpen) ||
          (mayApproveCorrections && !queueOpen) ||
          (mayAdmin && !adminOpen) ||
          (mayRetention && !retentionOpen) ||
          (mayPremiumBatches && !premiumBatchesOpen) ||
          (mayReductionQueue && !reductionQueueOpen) ||
          (mayDirectDebit && !directDebitOpen) ||
          (mayPensionExchange && !pensionExchangeOpen) ||
          (mayDunning && !dunningOpen) ||
          (mayPaymentIntake && !paymentIntakeOpen) ||
          (mayArrears && !arrearsOpen) ||
          (mayCertificationClock && !certificationClockOpen) ||
          (mayCertificationBoard && !certificationBoardOpen) ||
          (mayStatistics && !statisticsOpen) ||
          (mayMigration && !migrationOpen) ||
          (mayKokuhoren && !kokuhorenOpen)) && (
          <Box sx={{ px: 2, pt: 1, display: 'flex', justifyContent: 'flex-end', gap: 1 }}>
            {mayCertificationClock && !certificationClockOpen && (
              <Button
                size="small"
                variant="outlined"
                onClick={() => show({ kind: 'certificationClock' })}
                data-testid="open-certification-clock"
              >
                認定の進捗管理
              </Button>
            )}
            {mayCertificationBoard && !certificationBoardOpen && (
              <Button
                size="small"
                variant="outlined"
                onClick={() => show({ kind: 'certificationBoard' })}
                data-testid="open-certification-board"
              >
                介護認定審査会
              </Button>
            )}
            {mayStatistics && !statisticsOpen && (
              <Button
                size="small"
                variant="outlined"
                onClick={() => show({ kind: 'statistics' })}
                data-testid="open-statistics"
              >
                統計・報告
              </Button>
            )}
            {mayMigration && !migrationOpen && (
              <Button
                size="small"
                variant="outlined"
                onClick={() => show({ kind: 'migration' })}
                data-testid="open-migration"
              >
                データ移行
              </Button>
            )}
            {mayKokuhoren && !kokuhorenOpen && (
              <Button
                size="small"
                variant="outlined"
                onClick={() => show({ kind: 'kokuhoren' })}
                data-testid="open-kokuhoren"
              >
                国保連連携
              </Button>
            )}
            {mayAdmin && !adminOpen && (
              <Button size="small" variant="outlined" onClick={() => show({ kind: 'admin' })} data-testid="open-admin">
                管理
              </Button>
            )}
            {mayReductionQueue && !reductionQueueOpen && (
              <Button
                size="small"
                variant="outlined"
                onClick={() => show({ kind: 'reductionQueue' })}
                data-testid="open-reduction-queue"
              >
                減免・猶予の決定
              </Button>
            )}
            {mayDirectDebit && !directDebitOpen && (
              <Button
                size="small"
                variant="outlined"
                onClick={() => show({ kind: 'directDebit' })}
                data-testid="open-direct-debit"
              >
                口座振替依頼
              </Button>
            )}
            {mayPensionExchange && !pensionExchangeOpen && (
              <Button
                size="small"
                variant="outlined"
                onClick={() => show({ kind: 'pensionExchange' })}
                data-testid="open-pension-exchange"
              >
                年金特別徴収
              </Button>
            )}
            {mayPaymentIntake && !paymentIntakeOpen && (
              <Button
                size="small"
                variant="outlined"
                onClick={() => show({ kind: 'paymentIntake' })}
                data-testid="open-payment-intake"
              >
                収納データの取込・消込
              </Button>
            )}
            {mayArrears && !arrearsOpen && (
              <Button
                size="small"
                variant="outlined"
                onClick={() => show({ kind: 'arrears' })}
                data-testid="open-arrears"
              >
                滞納管理
              </Button>
            )}
            {mayDunning && !dunningOpen && (
              <Button
                size="small"
                variant="outlined"
                onClick={() => show({ kind: 'dunning' })}
                data-testid="open-dunning"
              >
                督促・不納欠損
              </Button>
            )}
            {mayPremiumBatches && !premiumBatchesOpen && (
              <Button
                size="small"
                variant="outlined"
                onClick={() => show({ kind: 'premiumBatches' })}
                data-testid="open-premium-batches"
              >
                賦課バッチ
              </Button>
            )}
            {mayRetention && !retentionOpen && (
              <Button
                size="small"
                variant="outlined"
                onClick={() => show({ kind: 'retention' })}
                data-testid="open-retention"
              >
                保存期間・消去
              </Button>
            )}
            {mayApproveCorrections && !queueOpen && (
              <Button size="small" variant="outlined" onClick={openQueue} data-testid="open-correction-queue">
                訂正の承認待ち
              </Button>
            )}
            {mayExport && !exportOpen && (
              <Button
                size="small"
                variant="outlined"
                onClick={() => show({ kind: 'export' })}
                data-testid="open-export"
              >
                持出管理
              </Button>
            )}
          </Box>
        )}
      {user && !locked && <MasterCacheBar onOpen={() => show({ kind: 'masters' })} />}
      {error && (
        <Alert severity="error" onClose={() => setError(null)} sx={{ m: 2, mb: 0 }}>
          {error}
        </Alert>
      )}
      <Box component="main" sx={{ flex: 1, display: 'flex', flexDirection: 'column', minHeight: 0, overflow: 'auto' }}>
        {loading ? (
          <CircularProgress sx={{ m: 'auto' }} aria-label="読み込み中" />
        ) : locked ? (
          <LockScreen />
        ) : !user ? (
          <LoginScreen />
        ) : (
          <>
            <ScreenHost user={user} onOpenPerson={open} onOpenCorrectionQueue={openQueue} />
            <DialogHost />
          </>
        )}
      </Box>
    </Box>
  )
}
