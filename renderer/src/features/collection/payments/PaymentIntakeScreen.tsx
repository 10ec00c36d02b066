import { useEffect, useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Checkbox from '@mui/material/Checkbox'
import FormControlLabel from '@mui/material/FormControlLabel'
import LinearProgress from '@mui/material/LinearProgress'
import MenuItem from '@mui/material/MenuItem'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import {
  paymentFileKindLabels,
  paymentFileKinds,
  workItemStatusLabels,
  type PaymentFileKind,
  type PaymentImportResult,
  type WithholdingResultFile,
} from '../../../../../shared/api/payment-intake'
import { FileIntakeReport } from '../../../components/FileIntake'
import { FunctionKeyBar } from '../../../components/FunctionKeyBar'
import { useNavigationStore } from '../../../app/navigation-store'
import { importSummary, paymentFileProblem, usePaymentIntakeStore, type WorkAction } from './payment-intake-store'

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`

/**
 * 収納データの取込・消込 (docs/interfaces/payments.md): choose the kind and the file, 検証のみ or 取込 (the whole file is
 * checked first; problems are listed by line and field and nothing is applied); exact payments land on the ledger,
 * the others appear in the 要確認一覧 below. ↑/↓ choose a payment; F7 消込 (to the installment the line names),
 * F8 還付予定, F9 保留 — each with the note typed above the list; F5 再読込, Esc 戻る. The server checks every rule again.
 */
export function PaymentIntakeScreen(props: { onClose(): void }) {
  const store = usePaymentIntakeStore()
  const { kind, imported, list, cursor, decision, setKind, importFile, load, move, decide } = store
  const { withholdingFiles, posting, loadWithholdingFiles, postWithholding } = store
  const navDialogOpen = useNavigationStore((s) => s.dialogs.length > 0)
  const [file, setFile] = useState<File | null>(null)
  const [dryRun, setDryRun] = useState(false)
  const [note, setNote] = useState('内容を確認のうえ処理')
  const [fileError, setFileError] = useState<string | null>(null)
  const items = list.data?.items ?? []
  const current = items[cursor] ?? null
  const decidable = current !== null && (current.status === 'open' || current.status === 'held')

  useEffect(() => {
    void load()
    void loadWithholdingFiles()
  }, [load, loadWithholdingFiles])

  async function run(event?: FormEvent) {
    event?.preventDefault()
    const problem = paymentFileProblem(file)
    setFileError(problem)
    if (problem || !file) return
    await importFile({ fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()), dryRun })
  }
  const act = (action: WorkAction) => {
    if (current && decidable && note.trim() !== '' && !decision.busy) void decide(current, action, note.trim())
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (navDialogOpen || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return
      const target = e.target as HTMLElement | null
      if (target?.tagName === 'INPUT' && target.getAttribute('type') !== 'checkbox') return
      e.preventDefault()
      move(e.key === 'ArrowDown' ? 1 : -1)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [move, navDialogOpen])

  const report = imported.data
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }} data-testid="payment-intake-screen">
      <Box sx={{ p: 2, overflow: 'auto', flex: 1 }}>
        <Typography variant="h6" component="h1">
          収納データの取込・消込
        </Typography>
        <Paper variant="outlined" sx={{ p: 2, mt: 1 }}>
          <form onSubmit={(e) => void run(e)} data-testid="payment-intake-form">
            <Stack direction="row" spacing={2} alignItems="center">
              <TextField
                select
                size="small"
                label="ファイルの種類"
                value={kind}
                onChange={(e) => setKind(e.target.value as PaymentFileKind)}
                sx={{ width: 260 }}
                slotProps={{ htmlInput: { 'data-testid': 'payment-intake-kind' } }}
              >
                {paymentFileKinds.map((k) => (
                  <MenuItem key={k} value={k}>
                    {paymentFileKindLabels[k]}
                  </MenuItem>
                ))}
              </TextField>
              <Button variant="outlined" component="label">
                ファイルを選択
                <input
                  type="file"
                  hidden
                  data-testid="payment-intake-file"
                  onChange={(e) => {
                    setFile(e.target.files?.[0] ?? null)
                    setFileError(null)
                  }}
                />
              </Button>
              <Typography data-testid="payment-intake-file-name">{file ? file.name : '未選択'}</Typography>
              <FormControlLabel
                control={<Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />}
                label="検証のみ"
              />
              <Button type="submit" variant="contained" disabled={imported.busy} data-testid="payment-intake-run">
                {dryRun ? '検証' : '取込'} (F6)
              </Button>
            </Stack>
          </form>
          {imported.busy && <LinearProgress sx={{ mt: 2 }} aria-label="取込中" />}
          {(fileError ?? imported.error) && (
            <Alert severity="error" role="alert" sx={{ mt: 2 }} data-testid="payment-intake-error">
              {fileError ?? imported.error}
            </Alert>
          )}
          {report && (
            <FileIntakeReport
              testId="payment-intake"
              result={{
                status: report.status,
                problems: report.problems.map((p) => ({
                  line: p.line,
                  column: p.field ?? '',
                  reason: p.message,
                })),
                truncated: report.problemCount > report.problems.length,
                notices: [],
                warnings: report.warnings,
              }}
              summary={importSummary(report)}
            />
          )}
        </Paper>

        <WithholdingResultsPanel
          files={withholdingFiles.data?.files ?? []}
          busy={withholdingFiles.busy || posting.busy}
          error={withholdingFiles.error ?? posting.error}
          lastPosting={posting.data}
          onPost={(id, dry) => void postWithholding(id, dry)}
        />

        <Stack direction="row" spacing={2} alignItems="center" sx={{ mt: 3 }}>
          <Typography variant="subtitle1" component="h2">
            要確認一覧（未処理 {list.data?.openCount ?? 0}件）
          </Typography>
          <TextField
            size="small"
            label="処理メモ"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            sx={{ width: 320 }}
            slotProps={{ htmlInput: { 'data-testid': 'payment-work-note', maxLength: 200 } }}
          />
        </Stack>
        {list.busy && <LinearProgress sx={{ mt: 1 }} aria-label="読込中" />}
        {(list.error ?? decision.error) && (
          <Alert severity="error" role="alert" sx={{ mt: 1 }} data-testid="payment-work-error">
            {list.error ?? decision.error}
          </Alert>
        )}
        {decision.data && !decision.error && (
          <Alert severity="success" sx={{ mt: 1 }} data-testid="payment-work-done">
            {decision.data}
          </Alert>
        )}
        {items.length === 0 ? (
          <Typography sx={{ mt: 1 }} data-testid="payment-work-empty">
            要確認の入金はありません
          </Typography>
        ) : (
          <Table size="small" sx={{ mt: 1 }} aria-label="要確認一覧" data-testid="payment-work-list">
            <TableHead>
              <TableRow>
                <TableCell>状態</TableCell>
                <TableCell>理由</TableCell>
                <TableCell>納付日</TableCell>
                <TableCell>被保険者</TableCell>
                <TableCell>年度・期</TableCell>
                <TableCell align="right">納付額</TableCell>
                <TableCell align="right">未納額</TableCell>
                <TableCell>内容</TableCell>
                <TableCell>ファイル・行</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map((item, i) => (
                <TableRow
                  key={item.id}
                  selected={i === cursor}
                  hover
                  onClick={() => move(i - cursor)}
                  aria-selected={i === cursor}
                  data-testid={`payment-work-row-${i}`}
                  sx={{ cursor: 'pointer' }}
                >
                  <TableCell>{workItemStatusLabels[item.status]}</TableCell>
                  <TableCell>{item.reasonLabel}</TableCell>
                  <TableCell>{item.paidOn}</TableCell>
                  <TableCell>
                    {item.insuredNumber}
                    {item.person ? ` ${item.person.name}` : '（該当なし）'}
                  </TableCell>
                  <TableCell>
                    {item.fiscalYear}年度 {item.channel === 'pension' ? '特別徴収 ' : ''}第{item.seq}期
                  </TableCell>
                  <TableCell align="right">{yen(item.amount)}</TableCell>
                  <TableCell align="right">{item.balance === null ? '—' : yen(item.balance)}</TableCell>
                  <TableCell>{item.message}</TableCell>
                  <TableCell>
                    {item.fileName} {item.line}行目
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Box>
      <FunctionKeyBar
        keys={[
          { key: 'F5', label: '再読込', action: () => void load() },
          { key: 'F6', label: dryRun ? '検証' : '取込', action: () => void run(), disabled: imported.busy },
          {
            key: 'F7',
            label: '消込',
            action: () => act('assign'),
            disabled: !decidable || current?.person === null || decision.busy,
          },
          { key: 'F8', label: '還付予定', action: () => act('refund'), disabled: !decidable || decision.busy },
          { key: 'F9', label: '保留', action: () => act('hold'), disabled: !decidable || decision.busy },
          { key: 'Escape', label: '戻る', action: props.onClose, disabled: navDialogOpen },
        ]}
      />
    </Box>
  )
}

/**
 * 特別徴収結果（年金保険者）: the received Z14 files (the 賦課 area takes them in) and their posting to the ledger — 検証
 * counts the withheld records, 収納計上 applies the exact amounts to the 特別徴収 installments of their pension month
 * and sends the others to the 要確認一覧 below (docs/interfaces/payments.md §5). A file posts once.
 */
function WithholdingResultsPanel(props: {
  files: WithholdingResultFile[]
  busy: boolean
  error: string | null
  lastPosting: PaymentImportResult | null
  onPost(pensionFileId: number, dryRun: boolean): void
}) {
  return (
    <Paper variant="outlined" sx={{ p: 2, mt: 3 }} data-testid="withholding-results">
      <Typography variant="subtitle1" component="h2">
        特別徴収結果の収納計上（年金保険者からの通知）
      </Typography>
      {props.busy && <LinearProgress sx={{ mt: 1 }} aria-label="処理中" />}
      {props.error && (
        <Alert severity="error" role="alert" sx={{ mt: 1 }} data-testid="withholding-results-error">
          {props.error}
        </Alert>
      )}
      {props.lastPosting && !props.error && (
        <Alert severity="info" sx={{ mt: 1 }} data-testid="withholding-results-summary">
          {props.lastPosting.status === 'validated'
            ? `検証: 徴収済み ${props.lastPosting.lines.toLocaleString('ja-JP')}件を計上すると 消込 ${props.lastPosting.applied.toLocaleString('ja-JP')}件 ${props.lastPosting.appliedAmount.toLocaleString('ja-JP')}円、要確認 ${props.lastPosting.work.toLocaleString('ja-JP')}件 ${props.lastPosting.workAmount.toLocaleString('ja-JP')}円です（まだ計上していません）`
            : `収納計上${importSummary(props.lastPosting)}`}
        </Alert>
      )}
      {props.files.length === 0 ? (
        <Typography sx={{ mt: 1 }} data-testid="withholding-results-empty">
          受信した特別徴収結果はありません
        </Typography>
      ) : (
        <Table size="small" sx={{ mt: 1 }} aria-label="特別徴収結果" data-testid="withholding-results-list">
          <TableHead>
            <TableRow>
              <TableCell>ファイル</TableCell>
              <TableCell>年度</TableCell>
              <TableCell>受信日時</TableCell>
              <TableCell align="right">徴収済み</TableCell>
              <TableCell>計上</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {props.files.map((f) => (
              <TableRow key={f.pensionFileId} data-testid={`withholding-results-row-${f.pensionFileId}`}>
                <TableCell>{f.fileName}</TableCell>
                <TableCell>{f.fiscalYear}年度</TableCell>
                <TableCell>{new Date(f.receivedAt).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' })}</TableCell>
                <TableCell align="right">
                  {f.withheldCount.toLocaleString('ja-JP')}件 {yen(f.withheldAmount)}
                </TableCell>
                <TableCell>
                  {f.posted
                    ? `計上済 消込 ${f.posted.applied.toLocaleString('ja-JP')}件 ${yen(f.posted.appliedAmount)}、要確認 ${f.posted.work.toLocaleString('ja-JP')}件 ${yen(f.posted.workAmount)}`
                    : '未計上'}
                </TableCell>
                <TableCell>
                  {!f.posted && (
                    <Stack direction="row" spacing={1}>
                      <Button size="small" disabled={props.busy} onClick={() => props.onPost(f.pensionFileId, true)}>
                        検証
                      </Button>
                      <Button
                        size="small"
                        variant="contained"
                        disabled={props.busy}
                        onClick={() => props.onPost(f.pensionFileId, false)}
                        data-testid={`withholding-results-post-${f.pensionFileId}`}
                      >
                        収納計上
                      </Button>
                    </Stack>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Paper>
  )
}
