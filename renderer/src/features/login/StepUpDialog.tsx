import { useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useStepUp } from './auth-requests'

/**
 * 本人確認 (step-up re-authentication, control C-06): the password and a fresh 確認コード before a sensitive
 * action (approving an export, revealing a マイナンバー). The server keeps the step-up for a few minutes; a
 * mistyped entry keeps the session and may be retried. `onConfirmed` runs the action itself.
 */
export function StepUpDialog(props: {
  open: boolean
  /** What is about to happen, e.g. 「持出申請 12 を承認します」. */
  action: string
  onConfirmed(): Promise<void> | void
  onCancel(): void
}) {
  const [password, setPassword] = useState('')
  const [code, setCode] = useState('')
  const stepUp = useStepUp()
  const { busy, error } = stepUp

  const reset = () => {
    setPassword('')
    setCode('')
    stepUp.reset()
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    const res = await stepUp.run({ password, code })
    if (!res) return
    if (!res.ok) return setCode('')
    reset()
    await props.onConfirmed()
  }

  return (
    <Dialog
      open={props.open}
      onClose={() => {
        reset()
        props.onCancel()
      }}
      aria-labelledby="step-up-title"
    >
      <form onSubmit={submit} data-testid="step-up-dialog">
        <DialogTitle id="step-up-title">本人確認</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Typography variant="body2">{props.action}。パスワードと確認コードを入力してください。</Typography>
            {error && (
              <Alert severity="error" role="alert">
                {error}
              </Alert>
            )}
            <TextField
              label="パスワード"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              slotProps={{ htmlInput: { maxLength: 200, 'data-testid': 'step-up-password' } }}
            />
            <TextField
              label="確認コード（6桁）"
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
              slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'step-up-code' } }}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button
            onClick={() => {
              reset()
              props.onCancel()
            }}
          >
            取消
          </Button>
          <Button
            type="submit"
            variant="contained"
            disabled={busy || password.length === 0 || code.length !== 6}
            data-testid="step-up-submit"
          >
            確認して実行
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  )
}
