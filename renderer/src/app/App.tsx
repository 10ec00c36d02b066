import { useCallback, useEffect, useState } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import CircularProgress from '@mui/material/CircularProgress'
import { AppHeader } from '../components/AppHeader'
import { VerificationBanner } from '../components/VerificationBanner'
import Button from '@mui/material/Button'
import { CorrectionQueueScreen } from '../features/eligibility/CorrectionQueueScreen'
import { useCorrectionQueueStore } from '../features/eligibility/correction-queue-store'
import { ExportScreen } from '../features/export/ExportScreen'
import { useExportStore } from '../features/export/export-store'
import { LockScreen } from '../features/lock/LockScreen'
import { useLock } from '../features/lock/use-lock'
import { LoginScreen } from '../features/login/LoginScreen'
import { MasterCacheBar } from '../features/masters/MasterCacheBar'
import { MastersScreen } from '../features/masters/MastersScreen'
import { useMastersStore } from '../features/masters/masters-store'
import { PersonSearchScreen } from '../features/persons/PersonSearchScreen'
import { PersonView } from '../features/persons/PersonView'
import { api, isBrowserShell } from '../platform/bridge'
import { usePersonSearchStore } from '../features/persons/person-search-store'
import { useSessionStore } from '../stores/session-store'

export function App() {
  const { appInfo, user, setAppInfo, signedIn, signedOut } = useSessionStore()
  const { selected, select, reset } = usePersonSearchStore()
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    void (async () => {
      const [info, current] = await Promise.all([api.app.info({}), api.auth.currentUser({})])
      if (info.ok) setAppInfo(info.value)
      else setError(info.message)
      if (current.ok && current.value) signedIn(current.value)
      setLoading(false)
    })()
  }, [setAppInfo, signedIn])

  const resetQueue = useCorrectionQueueStore((s) => s.reset)
  const logout = useCallback(async () => {
    await api.auth.logout({})
    reset()
    resetQueue()
    signedOut()
  }, [reset, resetQueue, signedOut])

  const open = useCallback(
    async (personId: number) => {
      const res = await api.person.summary({ personId })
      if (res.ok) select(res.value)
      else if (res.code === 'notAuthenticated') {
        reset()
        signedOut()
      } else setError(res.message)
    },
    [select, reset, signedOut],
  )
  const back = useCallback(() => select(null), [select])
  // C-31: on lock every store is cleared and only the lock screen remains.
  const locked = useLock(signedOut)
  // C-21: 持出管理 for clerks who may request and for supervisors (the server checks the permission again).
  const exportOpen = useExportStore((s) => s.open)
  const setExportOpen = useExportStore((s) => s.setOpen)
  const mayExport = Boolean(user?.roles.some((r) => r === 'eligibilityClerk' || r === 'supervisor'))

  // 資格訂正の承認待ち一覧 for the roles holding eligibility.approveCorrection (監督者; the server checks it again).
  // A person opened from it shows over it, and Esc returns to it.
  const queueOpen = useCorrectionQueueStore((s) => s.open)
  const setQueueOpen = useCorrectionQueueStore((s) => s.setOpen)
  const mayApproveCorrections = Boolean(user?.roles.includes('supervisor'))
  const openQueue = useCallback(() => {
    select(null)
    setQueueOpen(true)
  }, [select, setQueueOpen])

  // Issue 6: the master cache's age is always visible; the masters screen opens from it.
  const mastersOpen = useMastersStore((s) => s.open)
  const setMastersOpen = useMastersStore((s) => s.setOpen)

  const verification = isBrowserShell || appInfo?.verificationMode
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
      {verification && <VerificationBanner />}
      <AppHeader user={user} insurerName={appInfo?.insurerName ?? null} onLogout={logout} />
      {user && !locked && ((mayExport && !exportOpen) || (mayApproveCorrections && !queueOpen)) && (
        <Box sx={{ px: 2, pt: 1, display: 'flex', justifyContent: 'flex-end', gap: 1 }}>
          {mayApproveCorrections && !queueOpen && (
            <Button size="small" variant="outlined" onClick={openQueue} data-testid="open-correction-queue">
              訂正の承認待ち
            </Button>
          )}
          {mayExport && !exportOpen && (
            <Button size="small" variant="outlined" onClick={() => setExportOpen(true)} data-testid="open-export">
              持出管理
            </Button>
          )}
        </Box>
      )}
      {user && !locked && <MasterCacheBar onOpen={() => setMastersOpen(true)} />}
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
        ) : mastersOpen ? (
          <MastersScreen user={user} onClose={() => setMastersOpen(false)} />
        ) : exportOpen ? (
          <ExportScreen user={user} onClose={() => setExportOpen(false)} />
        ) : selected ? (
          <PersonView
            person={selected}
            onBack={back}
            {...(queueOpen && mayApproveCorrections ? { backLabel: '承認待ち一覧に戻る' } : {})}
          />
        ) : queueOpen && mayApproveCorrections ? (
          <CorrectionQueueScreen user={user} onOpenPerson={(id) => void open(id)} onClose={() => setQueueOpen(false)} />
        ) : (
          <PersonSearchScreen onOpen={open} {...(mayApproveCorrections ? { onOpenCorrectionQueue: openQueue } : {})} />
        )}
      </Box>
    </Box>
  )
}
