import { useCallback, useEffect, useState } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import CircularProgress from '@mui/material/CircularProgress'
import { AppHeader } from '../components/AppHeader'
import { VerificationBanner } from '../components/VerificationBanner'
import { LoginScreen } from '../features/login/LoginScreen'
import { PersonSearchScreen } from '../features/persons/PersonSearchScreen'
import { PersonSummaryView } from '../features/persons/PersonSummaryView'
import { api, isBrowserShell } from '../platform/bridge'
import { usePersonSearchStore } from '../stores/person-search-store'
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

  const logout = useCallback(async () => {
    await api.auth.logout({})
    reset()
    signedOut()
  }, [reset, signedOut])

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

  const verification = isBrowserShell || appInfo?.verificationMode
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
      {verification && <VerificationBanner />}
      <AppHeader user={user} insurerName={appInfo?.insurerName ?? null} onLogout={logout} />
      {error && (
        <Alert severity="error" onClose={() => setError(null)} sx={{ m: 2, mb: 0 }}>
          {error}
        </Alert>
      )}
      <Box component="main" sx={{ flex: 1, display: 'flex', flexDirection: 'column', minHeight: 0, overflow: 'auto' }}>
        {loading ? (
          <CircularProgress sx={{ m: 'auto' }} aria-label="読み込み中" />
        ) : !user ? (
          <LoginScreen />
        ) : selected ? (
          <PersonSummaryView person={selected} onBack={back} />
        ) : (
          <PersonSearchScreen onOpen={open} />
        )}
      </Box>
    </Box>
  )
}
