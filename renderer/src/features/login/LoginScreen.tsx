import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { cancelSignIn, useSignIn, useTotpVerification } from './auth-requests'
import { useSessionStore } from '../../stores/session-store'

type Step = { kind: 'password' } | { kind: 'totp' } | { kind: 'enrol'; secret: string }

const CODE_LENGTH = 6

/** Full-width digits (IME) become ASCII; everything else is dropped. */
const digitsOf = (text: string) => text.normalize('NFKC').replace(/\D/g, '').slice(0, CODE_LENGTH)

/** 'ABCD EFGH …': the enrolment key in groups of four, easier to type into an authenticator app. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ')

/**
 * Sign-in in two steps (controls C-06, C-30): ユーザーID and パスワード, then the 6-digit 確認コード of the
 * authenticator app. Keyboard-first: Enter submits, the code submits itself at the sixth digit, Escape goes back.
 * An account without a second factor yet is shown its key to register first (shown once).
 */
export function LoginScreen() {
  const signedIn = useSessionStore((s) => s.signedIn)
  const [step, setStep] = useState<Step>({ kind: 'password' })
  const [loginId, setLoginId] = useState('')
  const [password, setPassword] = useState('')
  const [code, setCode] = useState('')
  const [error, setError] = useState<string | null>(null)
  const signIn = useSignIn()
  const verification = useTotpVerification()
  const busy = signIn.busy || verification.busy
  const submitting = useRef(false)
  const codeInput = useRef<HTMLInputElement>(null)

  async function submitPassword(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    setError(null)
    if (!loginId.trim() || !password) {
      setError('ユーザーIDとパスワードを入力してください')
      return
    }
    const result = await signIn.run({ loginId: loginId.trim(), password })
    if (!result) return
    setPassword('')
    if (!result.ok) return setError(result.message)
    const value = result.value
    if (value.status === 'signedIn') signedIn(value.user)
    else setStep(value.status === 'totpRequired' ? { kind: 'totp' } : { kind: 'enrol', secret: value.secret })
  }

  async function submitCode(candidate: string) {
    if (submitting.current) return
    setError(null)
    if (candidate.length !== CODE_LENGTH) {
      setError('確認コード（6桁の数字）を入力してください')
      return
    }
    submitting.current = true
    const result = await verification.run({ code: candidate })
    submitting.current = false
    if (!result) return
    setCode('')
    if (result.ok) return signedIn(result.value)
    setError(result.message)
    codeInput.current?.focus()
    // Locked, or the challenge is gone: start again from the password.
    if (result.code === 'locked') setStep({ kind: 'password' })
  }

  function changeCode(text: string) {
    const digits = digitsOf(text)
    setCode(digits)
    if (digits.length === CODE_LENGTH) void submitCode(digits)
  }

  function back() {
    cancelSignIn()
    setCode('')
    setError(null)
    setStep({ kind: 'password' })
  }

  const onCodeKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      back()
    }
  }

  if (step.kind !== 'password') {
    return (
      <Stack alignItems="center" justifyContent="center" sx={{ flex: 1, p: 4 }}>
        <Paper
          component="form"
          onSubmit={(e: FormEvent) => {
            e.preventDefault()
            void submitCode(code)
          }}
          onKeyDown={onCodeKeyDown}
          sx={{ p: 4, width: 420 }}
          aria-label="確認コードの入力"
        >
          <Stack spacing={2.5}>
            <Typography variant="h5" component="h2" sx={{ fontWeight: 700 }}>
              {step.kind === 'enrol' ? '確認コードの登録' : '確認コード'}
            </Typography>
            {step.kind === 'enrol' ? (
              <>
                <Typography variant="body2">
                  このアカウントには確認コード（二要素認証）が未登録です。認証アプリに次のキーを登録し、表示された6桁の確認コードを入力してください。このキーは今回だけ表示されます。
                </Typography>
                <Box
                  data-testid="totp-secret"
                  sx={{ fontFamily: 'monospace', fontSize: 18, letterSpacing: 1, p: 1.5, bgcolor: 'action.hover' }}
                >
                  {grouped(step.secret)}
                </Box>
              </>
            ) : (
              <Typography variant="body2">認証アプリに表示されている6桁の確認コードを入力してください。</Typography>
            )}
            <TextField
              label="確認コード（6桁）"
              value={code}
              onChange={(e) => changeCode(e.target.value)}
              autoFocus
              autoComplete="one-time-code"
              inputRef={codeInput}
              slotProps={{
                htmlInput: {
                  readOnly: busy,
                  inputMode: 'numeric',
                  pattern: '[0-9]*',
                  maxLength: 12,
                  'data-testid': 'login-totp',
                  'aria-describedby': 'totp-help',
                  style: { fontSize: 24, letterSpacing: 8, textAlign: 'center' },
                },
              }}
            />
            <Typography id="totp-help" variant="caption" color="text.secondary">
              6桁目を入力すると自動で送信します。Esc キーでユーザーIDの入力に戻ります。
            </Typography>
            {error && (
              <Alert severity="error" role="alert">
                {error}
              </Alert>
            )}
            <Stack direction="row" spacing={1} justifyContent="flex-end">
              <Button onClick={back} disabled={busy}>
                戻る
              </Button>
              <Button type="submit" variant="contained" disabled={busy || code.length !== CODE_LENGTH}>
                {busy ? '確認中…' : '確認'}
              </Button>
            </Stack>
          </Stack>
        </Paper>
      </Stack>
    )
  }

  return (
    <Stack alignItems="center" justifyContent="center" sx={{ flex: 1, p: 4 }}>
      <Paper component="form" onSubmit={submitPassword} sx={{ p: 4, width: 380 }} aria-label="ログイン">
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
