import { useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Checkbox from '@mui/material/Checkbox'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import FormControlLabel from '@mui/material/FormControlLabel'
import LinearProgress from '@mui/material/LinearProgress'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { INTAKE_CHUNK_BYTES, INTAKE_MAX_FILE_BYTES, type IntakeResult } from '../../../../shared/eligibility/intake'
import { intakeCalls } from './eligibility-requests'

const STATUS_TEXT: Record<IntakeResult['status'], string> = {
  applied: '取り込みました',
  validated: '検証の結果、誤りはありません（まだ反映していません）',
  rejected: '誤りがあるため、何も反映していません',
  alreadyImported: 'このファイルは取込済みです。何も変更していません',
}

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** 住基異動の取込: validate the whole file, apply all of it or nothing, show the report line by line. */
export function ResidentChangeIntakeDialog(props: { open: boolean; onClose(): void }) {
  const [file, setFile] = useState<File | null>(null)
  const [encoding, setEncoding] = useState<'auto' | 'utf-8' | 'shift_jis'>('auto')
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
          <Stack direction="row" spacing={2} alignItems="center">
            <Button variant="outlined" component="label">
              ファイルを選択
              <input
                type="file"
                accept=".csv,text/csv"
                hidden
                data-testid="intake-file"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
            </Button>
            <Typography data-testid="intake-file-name">{file ? file.name : '未選択'}</Typography>
            <TextField
              select
              size="small"
              label="文字コード"
              value={encoding}
              onChange={(e) => setEncoding(e.target.value as typeof encoding)}
              sx={{ width: 160 }}
            >
              <MenuItem value="auto">自動判定</MenuItem>
              <MenuItem value="utf-8">UTF-8</MenuItem>
              <MenuItem value="shift_jis">Shift_JIS</MenuItem>
            </TextField>
            <FormControlLabel
              control={<Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />}
              label="検証のみ"
            />
          </Stack>
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
            <>
              {result.warnings && result.warnings.length > 0 && (
                <Alert severity="warning" role="alert" sx={{ mt: 2 }} data-testid="intake-warnings">
                  {result.warnings.map((w, i) => (
                    <div key={i}>{w}</div>
                  ))}
                </Alert>
              )}
              <Alert
                severity={result.status === 'rejected' ? 'error' : result.status === 'applied' ? 'success' : 'info'}
                sx={{ mt: 2 }}
                data-testid="intake-result"
              >
                {STATUS_TEXT[result.status]}
                {result.status !== 'alreadyImported' &&
                  `（${result.records}件中 反映 ${result.applied}件、取込済みのレコード ${result.alreadyApplied}件、資格の異動 ${result.eligibilityChanges}件${
                    Object.keys(result.counts).length > 0
                      ? `：${Object.entries(result.counts)
                          .map(([k, v]) => `${k} ${v}件`)
                          .join('・')}`
                      : ''
                  }）`}
              </Alert>
              {result.notices.length > 0 && (
                <Alert severity="warning" sx={{ mt: 1 }} data-testid="intake-notices">
                  {result.notices.map((n, i) => (
                    <div key={i}>{n}</div>
                  ))}
                </Alert>
              )}
              {result.problems.length > 0 && (
                <Table size="small" sx={{ mt: 1 }} aria-label="誤りの一覧" data-testid="intake-problems">
                  <TableHead>
                    <TableRow>
                      <TableCell>行</TableCell>
                      <TableCell>項目</TableCell>
                      <TableCell>内容</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {result.problems.map((p, i) => (
                      <TableRow key={i}>
                        <TableCell>{p.line === 0 ? '—' : p.line}</TableCell>
                        <TableCell>{p.column}</TableCell>
                        <TableCell>{p.reason}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
              {result.truncated && (
                <Typography variant="body2">誤りが多いため、先頭の1,000件だけを表示しています。</Typography>
              )}
            </>
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
