import { useEffect, useMemo, useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import LinearProgress from '@mui/material/LinearProgress'
import MenuItem from '@mui/material/MenuItem'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import type { IssuedInsuranceCard } from '../../../../shared/eligibility/contract'
import { WarekiDate } from '../../components/WarekiDate'
import { api } from '../../platform/bridge'

function pdfUrl(base64: string): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
  return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }))
}

/**
 * 被保険者証の交付・再交付: issues on the server (ledger and audit row there), then previews the printed items and
 * offers the PDF. A 再交付 needs its reason; the server counts the issuances.
 */
export function InsuranceCardDialog(props: { personId: number; open: boolean; onClose(): void }) {
  const [layout, setLayout] = useState<'a4' | 'card'>('a4')
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [issued, setIssued] = useState<IssuedInsuranceCard | null>(null)
  const url = useMemo(() => (issued ? pdfUrl(issued.pdfBase64) : null), [issued])
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url])

  async function issue(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    setError(null)
    const res = await api.eligibility.issueInsuranceCard({
      personId: props.personId,
      layout,
      ...(reason.trim() ? { reissueReason: reason.trim() } : {}),
      idempotencyKey: crypto.randomUUID(),
    })
    setBusy(false)
    if (res.ok) setIssued(res.value)
    else setError(res.message)
  }

  const c = issued?.card
  return (
    <Dialog open={props.open} onClose={props.onClose} aria-labelledby="card-title" maxWidth="md" fullWidth>
      <form onSubmit={issue}>
        <DialogTitle id="card-title">被保険者証の交付</DialogTitle>
        <DialogContent>
          <Stack direction="row" spacing={2} sx={{ mt: 1 }}>
            <TextField
              select
              size="small"
              label="様式"
              value={layout}
              onChange={(e) => setLayout(e.target.value as 'a4' | 'card')}
              sx={{ width: 160 }}
            >
              <MenuItem value="a4">A4</MenuItem>
              <MenuItem value="card">カード</MenuItem>
            </TextField>
            <TextField
              size="small"
              label="再交付の理由（再交付のとき）"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              autoFocus
              slotProps={{ htmlInput: { maxLength: 100, 'data-testid': 'card-reissue-reason' } }}
              sx={{ flex: 1 }}
            />
          </Stack>
          {busy && <LinearProgress sx={{ mt: 2 }} aria-label="作成中" />}
          {error && (
            <Alert severity="error" role="alert" sx={{ mt: 2 }}>
              {error}
            </Alert>
          )}
          {issued && c && (
            <>
              <Alert severity="success" sx={{ mt: 2 }} data-testid="card-issued">
                {issued.kind === 'issue' ? '交付しました' : `再交付しました（${issued.count}回目）`}（交付年月日{' '}
                <WarekiDate date={issued.issuedOn} />）
              </Alert>
              <Paper
                variant="outlined"
                sx={{ mt: 2, p: 2 }}
                data-testid="card-preview"
                aria-label="被保険者証の印字内容"
              >
                <Typography variant="h6" component="p" align="center">
                  介護保険被保険者証
                </Typography>
                <Table size="small">
                  <TableBody>
                    <TableRow>
                      <TableCell>被保険者番号</TableCell>
                      <TableCell>{c.insuredNumber}</TableCell>
                    </TableRow>
                    <TableRow>
                      <TableCell>住所</TableCell>
                      <TableCell>{c.address ?? '（窓口で記入）'}</TableCell>
                    </TableRow>
                    <TableRow>
                      <TableCell>フリガナ／氏名</TableCell>
                      <TableCell>
                        {c.nameKana}／{c.name}
                      </TableCell>
                    </TableRow>
                    <TableRow>
                      <TableCell>生年月日・性別</TableCell>
                      <TableCell>
                        <WarekiDate date={c.birthDate} />
                        {'\u3000'}
                        {c.sex === 'male' ? '男' : '女'}
                      </TableCell>
                    </TableRow>
                    <TableRow>
                      <TableCell>保険者</TableCell>
                      <TableCell>
                        {c.insurerNumber} {c.insurerName}
                      </TableCell>
                    </TableRow>
                  </TableBody>
                </Table>
              </Paper>
            </>
          )}
        </DialogContent>
        <DialogActions>
          {url && issued && (
            <Button component="a" href={url} download={issued.fileName} data-testid="card-pdf">
              PDF を保存
            </Button>
          )}
          <Button onClick={props.onClose}>閉じる (Esc)</Button>
          <Button type="submit" variant="contained" data-testid="card-issue">
            {issued ? 'もう一度交付' : '交付'} (Enter)
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  )
}
