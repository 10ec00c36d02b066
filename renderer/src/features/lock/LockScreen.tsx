import { useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { logOut } from '../../app/session'
import { useSessionStore } from '../../stores/session-store'
import { useLockStore } from './lock-store'
import { useUnlock } from './lock-requests'

/** The lock screen (control C-31): no personal data, only the locked staff member and the unlock form. */
export function LockScreen() {
  const { user, totpRequired, unlocked } = useLockStore()
  const signedIn = useSessionStore((s) => s.signedIn)
  const [password, setPassword] = useState('')
  const [totpCode, setTotpCode] = useState('')
  const unlock = useUnlock()
  const { busy, error, setError } = unlock

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    setError(null)
    if (!password) {
      setError('パスワードを入力してください')
      return
    }
    const result = await unlock.run({ password, ...(totpRequired ? { totpCode } : {}) })
    if (!result) return
    setPassword('')
    setTotpCode('')
    if (result.ok) {
      unlocked()
      signedIn(result.value)
    }
  }

  return (
    <Stack alignItems="center" justifyContent="center" sx={{ flex: 1, p: 4 }} data-testid="lock-screen">
      <Paper component="form" onSubmit={submit} sx={{ p: 4, width: 400 }} aria-label="画面ロック">
        <Stack spacing={2.5}>
          <Typography variant="h5" component="h2" sx={{ fontWeight: 700 }}>
            画面をロックしました
          </Typography>
          <Typography variant="body2">
            一定時間操作がなかったため、画面をロックしました。作業を続けるにはパスワードを入力してください。
          </Typography>
          {user && (
            <Typography variant="body1" data-testid="locked-user">
              {user.department}
              {'\u3000'}
              {user.displayName}（{user.loginId}）
            </Typography>
          )}
          <TextField
            label="パスワード"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoFocus
            autoComplete="current-password"
            slotProps={{ htmlInput: { maxLength: 256, 'data-testid': 'unlock-password' } }}
          />
          {totpRequired && (
            <TextField
              label="ワンタイムパスワード"
              value={totpCode}
              onChange={(e) => setTotpCode(e.target.value)}
              autoComplete="one-time-code"
              slotProps={{ htmlInput: { maxLength: 6, inputMode: 'numeric', 'data-testid': 'unlock-totp' } }}
            />
          )}
          {error && (
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          )}
          <Button type="submit" variant="contained" size="large" disabled={busy}>
            {busy ? '確認中…' : 'ロック解除'}
          </Button>
          <Button variant="text" onClick={() => void logOut()}>
            ログアウトしてログイン画面に戻る
          </Button>
        </Stack>
      </Paper>
    </Stack>
  )
}
