import { useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { INTAKE_CHUNK_BYTES, INTAKE_MAX_FILE_BYTES, type IntakeResult } from '../../../../shared/eligibility/intake'
import { FileIntakeChoice, FileIntakeReport, type FileIntakeEncoding } from '../../components/FileIntake'
import { toBase64 } from '../../lib/base64'
import { intakeCalls } from './eligibility-requests'

/** 住基異動の取込: validate the whole file, apply all of it or nothing, show the report line by line. */
export function ResidentChangeIntakeDialog(props: { open: boolean; onClose(): void }) {
  const [file, setFile] = useState<File | null>(null)
  const [encoding, setEncoding] = useState<FileIntakeEncoding>('auto')
  const [dryRun, setDryRun] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [result, setResult] = useState<IntakeResult | null>(null)
  const [progress, setProgress] = useState<{ phase: 'upload' | 'apply'; sent: number; total: number } | null>(null)

  /**
   * Large files go up in chunks of 32 KB (each below the loopback bridge's limit) with a progress bar; the server
   * keeps them aside and applies the whole file — all or nothing — only in the finishing request.
   */
  async function run(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    if (!file) return setError('取り込むファイルを選んでください')
    if (file.size === 0) return setError('ファイルが空です')
    if (file.size > INTAKE_MAX_FILE_BYTES)
      return setError(
        `ファイルが大きすぎます（上限 ${INTAKE_MAX_FILE_BYTES / 1024 / 1024}MB）。分割して取り込んでください`,
      )
    setError(null)
    setResult(null)
    setBusy(true)
    try {
      const bytes = new Uint8Array(await file.arrayBuffer())
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
      const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')
      setProgress({ phase: 'upload', sent: 0, total: bytes.length })
      const begun = await intakeCalls.begin({
        fileName: file.name,
        totalBytes: bytes.length,
        sha256,
        encoding,
        dryRun,
        idempotencyKey: crypto.randomUUID(),
      })
      if (!begun.ok) return setError(begun.message)
      const { uploadId } = begun.value
      for (let index = 0; index * INTAKE_CHUNK_BYTES < bytes.length; index++) {
        const chunk = bytes.subarray(index * INTAKE_CHUNK_BYTES, (index + 1) * INTAKE_CHUNK_BYTES)
        const sent = await intakeCalls.chunk({
          uploadId,
          index,
          contentBase64: toBase64(chunk),
          idempotencyKey: crypto.randomUUID(),
        })
        if (!sent.ok) return setError(sent.message)
        setProgress({ phase: 'upload', sent: sent.value.receivedBytes, total: bytes.length })
      }
      setProgress({ phase: 'apply', sent: bytes.length, total: bytes.length })
      const res = await intakeCalls.finish({ uploadId, idempotencyKey: crypto.randomUUID() })
      if (res.ok) setResult(res.value)
      else setError(res.message)
    } finally {
      setBusy(false)
      setProgress(null)
    }
  }

  return (
    <Dialog open={props.open} onClose={props.onClose} aria-labelledby="intake-title" maxWidth="md" fullWidth>
      <form onSubmit={run}>
        <DialogTitle id="intake-title">住基異動の取込</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            住民記録システムの異動ファイル（CSV、UTF-8 または
            Shift_JIS）を取り込みます。1行でも誤りがあれば何も反映しません。同じファイル・同じレコードは二重に反映されません。
          </Typography>
          <FileIntakeChoice
            testId="intake"
            file={file}
            onFile={setFile}
            encoding={encoding}
            onEncoding={setEncoding}
            dryRun={dryRun}
            onDryRun={setDryRun}
          />
          {busy && (
            <Stack sx={{ mt: 2 }} spacing={0.5} data-testid="intake-progress">
              {progress?.phase === 'upload' ? (
                <>
                  <LinearProgress
                    variant="determinate"
                    value={progress.total === 0 ? 0 : (progress.sent / progress.total) * 100}
                    aria-label="送信中"
                  />
                  <Typography variant="body2" color="text.secondary">
                    送信中 {Math.round((progress.sent / progress.total) * 100)}%（
                    {Math.ceil(progress.sent / 1024).toLocaleString()} /{' '}
                    {Math.ceil(progress.total / 1024).toLocaleString()} KB）
                  </Typography>
                </>
              ) : (
                <>
                  <LinearProgress aria-label="取込中" />
                  <Typography variant="body2" color="text.secondary">
                    {progress?.phase === 'apply' ? '全行を検証し、まとめて反映しています…' : '準備中…'}
                  </Typography>
                </>
              )}
            </Stack>
          )}
          {error && (
            <Alert severity="error" role="alert" sx={{ mt: 2 }}>
              {error}
            </Alert>
          )}
          {result && (
            <FileIntakeReport
              testId="intake"
              result={result}
              summary={`（${result.records}件中 反映 ${result.applied}件、取込済みのレコード ${result.alreadyApplied}件、資格の異動 ${result.eligibilityChanges}件${
                Object.keys(result.counts).length > 0
                  ? `：${Object.entries(result.counts)
                      .map(([k, v]) => `${k} ${v}件`)
                      .join('・')}`
                  : ''
              }）`}
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>閉じる (Esc)</Button>
          <Button type="submit" variant="contained" data-testid="intake-run">
            {dryRun ? '検証' : '取込'} (Enter)
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  )
}
