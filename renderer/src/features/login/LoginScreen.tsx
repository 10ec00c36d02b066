import { useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { api } from '../../platform/bridge'
import { useSessionStore } from '../../stores/session-store'

export function LoginScreen() {
  const signedIn = useSessionStore((s) => s.signedIn)
  const [loginId, setLoginId] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    setError(null)
    if (!loginId.trim() || !password) {
      setError('ユーザーIDとパスワードを入力してください')
      return
    }
    setBusy(true)
    const result = await api.auth.login({ loginId: loginId.trim(), password })
    setBusy(false)
    setPassword('')
    if (result.ok) signedIn(result.value)
    else setError(result.message)
  }

  return (
    <Stack alignItems="center" justifyContent="center" sx={{ flex: 1, p: 4 }}>
      <Paper component="form" onSubmit={submit} sx={{ p: 4, width: 380 }} aria-label="ログイン">
        <Stack spacing={2.5}>
          <Typography variant="h5" component="h2" sx={{ fontWeight: 700 }}>
            ログイン
          </Typography>
          <TextField
            label="ユーザーID"
            value={loginId}
            onChange={(e) => setLoginId(e.target.value)}
            autoFocus
            autoComplete="username"
            slotProps={{ htmlInput: { maxLength: 64, 'data-testid': 'login-id' } }}
          />
          <TextField
            label="パスワード"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            slotProps={{ htmlInput: { maxLength: 256, 'data-testid': 'login-password' } }}
          />
          {error && (
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          )}
          <Button type="submit" variant="contained" size="large" disabled={busy}>
            {busy ? 'ログイン中…' : 'ログイン'}
          </Button>
        </Stack>
      </Paper>
    </Stack>
  )
}
