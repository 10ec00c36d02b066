import { useEffect, useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
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
import { todayInJapan } from '../../../../../shared/domain'
import type { PensionFileProblem, UnmatchedPensionRecord } from '../../../../../shared/api/pension-withholding'
import { FunctionKeyBar } from '../../../components/FunctionKeyBar'
import { WarekiDate, WarekiDateTime } from '../../../components/WarekiDate'
import { useNavigationStore } from '../../../app/navigation-store'
import { useMay } from '../../../stores/session-store'
import { StepUpDialog } from '../../login/StepUpDialog'
import { yen } from '../premium-view'
import {
  exchangeFileGroups,
  exchangeFileKindLabels,
  exportKindLabels,
  monthInJapan,
  sentFileActions,
  usePensionExchangeStore,
  type ExportKind,
} from './pension-exchange-store'

/** The fiscal year (4月〜翌3月) of today in Japan. */
const currentFiscalYear = () => {
  const today = todayInJapan(new Date())
  const year = Number(today.slice(0, 4))
  return Number(today.slice(5, 7)) >= 4 ? year : year - 1
}

const importStatusLabels: Record<string, string> = {
  applied: '取り込みました',
  validated: '検証のみ（取り込んでいません）',
  rejected: '誤りがあるため取り込みませんでした（何も反映していません）',
  alreadyImported: '同じファイルは取込済みです（何も反映していません）',
}

const exportStatusLabels: Record<string, string> = {
  dryRun: '試算（ファイルは作成していません）',
  awaitingApproval: '作成済み（監督者の承認待ち）',
  nothingToSend: '送付する対象はありません',
}

const count = (n: number) => `${n.toLocaleString('ja-JP')}件`

/**
 * 年金特別徴収 with the pension insurers (docs/interfaces/pension-withholding.md): the files exchanged by kind and month
 * (対象者情報 received, 依頼 produced, 結果 received) with their counts; the import of a 対象者情報 (F2) or 結果 (F3) file
 * chosen in main's file dialog, with the Japanese line report when the server refuses it (nothing applied); the 依頼
 * file's dry run (F5: persons, amounts, those who cannot be requested), its preparation (F6), the sign-off by a
 * 監督者 who did not prepare it (F7, with the step-up, C-06) and the save through the export control (F9: save dialog,
 * removable and network drives refused by policy). The server checks every rule again. Esc 戻る.
 */
export function PensionExchangeScreen(props: { onClose(): void }) {
  const mayExchange = useMay('premiums.withholdingExchange')
  const mayApprove = useMay('premiums.batchApprove')
  const store = usePensionExchangeStore()
  const { files, targets, results, requests, write, saved, loadFiles, clearMessage } = store
  const navDialogOpen = useNavigationStore((s) => s.dialogs.length > 0)
  const [yearText, setYearText] = useState(() => String(store.fiscalYear ?? currentFiscalYear()))
  const [dryRun, setDryRun] = useState(false)
  const [kind, setKind] = useState<ExportKind>('requests')
  const [approving, setApproving] = useState<number | null>(null)
  // A 監督者 without the exchange permission cannot list the files: they sign off by the number the preparer gives.
  const [fileIdText, setFileIdText] = useState('')
  const year = Number(yearText)
  const yearValid = /^\d{4}$/.test(yearText) && year >= 2024 && year <= 2100
  const list = files.data?.files ?? []
  const selected = list.find((f) => f.id === store.selectedFileId) ?? null
  const can = sentFileActions(selected, store, { mayExchange, mayApprove })
  const dialogOpen = navDialogOpen || approving !== null
  const busy = targets.busy || results.busy || requests.busy || write.busy

  useEffect(() => {
    if (mayExchange && yearValid && store.fiscalYear !== year) void loadFiles(year)
  }, [mayExchange, yearValid, year, store.fiscalYear, loadFiles])

  const actions = {
    importTargets: () => {
      if (mayExchange && yearValid && !busy) void store.importTargets(year, dryRun)
    },
    importResults: () => {
      if (mayExchange && !busy) void store.importResults(dryRun)
    },
    exportDryRun: () => {
      if (mayExchange && yearValid && !busy) void store.exportDryRun(year, kind)
    },
    prepare: () => {
      if (mayExchange && yearValid && !busy && requests.data?.status === 'dryRun') void store.prepare(year, kind)
    },
    approve: () => {
      if (can.approve && selected && !busy) setApproving(selected.id)
    },
    save: () => {
      if (can.save && selected && !busy) void store.save(selected.id)
    },
    reload: () => {
      if (mayExchange && yearValid) void loadFiles(year)
    },
  }

  function submitFileId(event: FormEvent) {
    event.preventDefault()
    const id = Number(fileIdText)
    if (Number.isSafeInteger(id) && id > 0 && !write.busy) setApproving(id)
  }

  const approvingFile = list.find((f) => f.id === approving)

  return (
    <Stack sx={{ flex: 1, minHeight: 0 }} data-testid="pension-exchange-screen">
      <Stack spacing={2} sx={{ p: 2, flex: 1, overflow: 'auto' }}>
        <Typography variant="h5" component="h2" sx={{ fontWeight: 700 }}>
          年金特別徴収（対象者情報・依頼・結果）
        </Typography>
        {mayExchange && (
          <Paper sx={{ p: 2 }}>
            <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
              <TextField
                autoFocus
                label="年度（西暦）"
                value={yearText}
                onChange={(e) => setYearText(e.target.value.replace(/\D/g, '').slice(0, 4))}
                error={!yearValid}
                helperText={yearValid ? ' ' : '年度（fiscalYear）: 2024〜2100 の西暦4桁で入力してください'}
                slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'pension-year' } }}
                sx={{ width: 160 }}
              />
              <FormControlLabel
                control={
                  <Checkbox
                    checked={dryRun}
                    onChange={(e) => setDryRun(e.target.checked)}
                    slotProps={{ input: { 'data-testid': 'pension-dry-run' } as object }}
                  />
                }
                label="検証のみ（取り込まない）"
              />
              <Button
                variant="contained"
                onClick={actions.importTargets}
                disabled={busy || !yearValid}
                data-testid="pension-import-targets"
              >
                対象者情報の取込（F2）
              </Button>
              <Button
                variant="contained"
                onClick={actions.importResults}
                disabled={busy}
                data-testid="pension-import-results"
              >
                結果の取込（F3）
              </Button>
            </Stack>
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              ファイルは取込ボタンで開く画面から選びます。ファイル全体を検証し、誤りが1件でもあれば何も取り込みません。
            </Typography>
          </Paper>
        )}
        {mayApprove && !mayExchange && (
          <Paper sx={{ p: 2 }} data-testid="pension-approve-by-id">
            <form onSubmit={submitFileId}>
              <Stack direction="row" spacing={2} alignItems="center">
                <TextField
                  autoFocus
                  label="送付ファイル番号（作成者から連絡）"
                  value={fileIdText}
                  onChange={(e) => setFileIdText(e.target.value.replace(/\D/g, '').slice(0, 9))}
                  slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'pension-approve-file-id' } }}
                />
                <Button type="submit" variant="contained" disabled={fileIdText === '' || write.busy}>
                  承認する（Enter）
                </Button>
              </Stack>
            </form>
          </Paper>
        )}
        {busy && <LinearProgress aria-label="処理中" />}
        {write.error && (
          <Alert severity="error" role="alert" onClose={clearMessage} data-testid="pension-error">
            {write.error}
          </Alert>
        )}
        {write.data && (
          <Alert severity="success" onClose={clearMessage} data-testid="pension-message">
            {write.data}
          </Alert>
        )}
        {saved && (
          <Alert severity="info" data-testid="pension-saved">
            {saved.destination}（SHA-256 {saved.fileSha256.slice(0, 16)}…）
          </Alert>
        )}

        {(targets.error || targets.data) && (
          <ImportReport
            testId="pension-targets-report"
            title="対象者情報（Z11）の取込"
            error={targets.error}
            report={
              targets.data && {
                ...targets.data,
                lines: [
                  ['ダミーレコード', count(targets.data.dummyRecords)],
                  ['年度', targets.data.fiscalYear === null ? '—' : `${targets.data.fiscalYear}年度`],
                ],
              }
            }
          />
        )}
        {(results.error || results.data) && (
          <ImportReport
            testId="pension-results-report"
            title="結果（Z14）の取込"
            error={results.error}
            report={
              results.data && {
                ...results.data,
                lines: [
                  ['徴収', `${count(results.data.withheld)} ${yen(results.data.withheldAmount)}`],
                  ['未徴収', count(results.data.notWithheld)],
                ],
              }
            }
          />
        )}

        {mayExchange && (
          <Paper sx={{ p: 2 }} data-testid="pension-requests">
            <Stack direction="row" spacing={2} alignItems="center">
              <Typography variant="h6" component="h3">
                送付ファイルの作成
              </Typography>
              <TextField
                select
                size="small"
                label="種別"
                value={kind}
                onChange={(e) => setKind(e.target.value as ExportKind)}
                slotProps={{ htmlInput: { 'data-testid': 'pension-export-kind' } }}
                sx={{ width: 200 }}
              >
                {(Object.keys(exportKindLabels) as ExportKind[]).map((k) => (
                  <MenuItem key={k} value={k}>
                    {exportKindLabels[k]}
                  </MenuItem>
                ))}
              </TextField>
              <Button
                variant="outlined"
                onClick={actions.exportDryRun}
                disabled={busy || !yearValid}
                data-testid="pension-export-dry-run"
              >
                試算（F5）
              </Button>
              <Button
                variant="contained"
                onClick={actions.prepare}
                disabled={busy || requests.data?.status !== 'dryRun' || requests.data.records === 0}
                data-testid="pension-export-prepare"
              >
                作成（F6）
              </Button>
            </Stack>
            {requests.error && (
              <Alert severity="error" role="alert" sx={{ mt: 1 }} data-testid="pension-export-error">
                {requests.error}
              </Alert>
            )}
            {requests.data && (
              <Stack spacing={1} sx={{ mt: 1 }} data-testid="pension-export-result">
                <Typography data-testid="pension-export-status">
                  {requests.data.fiscalYear}年度 {exportKindLabels[requests.data.kind]}:{' '}
                  {exportStatusLabels[requests.data.status]}
                  {requests.data.fileName && `（第${requests.data.fileId}号 ${requests.data.fileName}）`}
                </Typography>
                <Typography data-testid="pension-export-totals">
                  {count(requests.data.records)} 依頼額合計 {yen(requests.data.totalAmount)}
                  {requests.data.skipped.length > 0 && ` ／ 依頼できない者 ${count(requests.data.skipped.length)}`}
                </Typography>
                {requests.data.lines.length > 0 && (
                  <Table size="small" aria-label="依頼の内容">
                    <TableHead>
                      <TableRow>
                        <TableCell>宛名番号（内部）</TableCell>
                        <TableCell>通知</TableCell>
                        <TableCell>区分</TableCell>
                        <TableCell align="right">各月の額</TableCell>
                        <TableCell align="right">前回の依頼</TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {requests.data.lines.slice(0, 100).map((l) => (
                        <TableRow key={`${l.personId}-${l.noticeCode}`} data-testid="pension-export-line">
                          <TableCell>{l.personId}</TableCell>
                          <TableCell>{l.noticeCode}</TableCell>
                          <TableCell>{l.category}</TableCell>
                          <TableCell align="right">{l.amounts.map(yen).join(' / ')}</TableCell>
                          <TableCell align="right">
                            {l.previousAmounts ? l.previousAmounts.map(yen).join(' / ') : '—'}
                          </TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                )}
                {(requests.data.lines.length > 100 || requests.data.truncated) && (
                  <Typography variant="body2" color="text.secondary">
                    先頭 100 件を表示しています
                  </Typography>
                )}
                {requests.data.skipped.slice(0, 20).map((s) => (
                  <Typography
                    key={s.personId}
                    variant="body2"
                    color="warning.main"
                    data-testid="pension-export-skipped"
                  >
                    {s.personId}: {s.reason}
                  </Typography>
                ))}
              </Stack>
            )}
          </Paper>
        )}

        {mayExchange && (
          <Paper sx={{ p: 2 }} data-testid="pension-files">
            <Typography variant="h6" component="h3">
              連携ファイル（{yearValid ? `${year}年度` : '—'}）
            </Typography>
            {files.error && (
              <Alert severity="error" role="alert" data-testid="pension-files-error">
                {files.error}
              </Alert>
            )}
            {list.length === 0 ? (
              <Typography color="text.secondary">この年度の連携ファイルはありません</Typography>
            ) : (
              <>
                <Table size="small" aria-label="種別・月ごとの件数" data-testid="pension-file-groups">
                  <TableHead>
                    <TableRow>
                      <TableCell>月</TableCell>
                      <TableCell>受信・送付</TableCell>
                      <TableCell>種別</TableCell>
                      <TableCell align="right">ファイル</TableCell>
                      <TableCell align="right">レコード</TableCell>
                      <TableCell align="right">突合</TableCell>
                      <TableCell align="right">未突合</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {exchangeFileGroups(list).map((g) => (
                      <TableRow
                        key={`${g.month}-${g.direction}-${g.fileKind}`}
                        data-testid={`pension-group-${g.month}-${g.fileKind}`}
                      >
                        <TableCell>{g.month.replace('-', '年')}月</TableCell>
                        <TableCell>{g.direction === 'received' ? '受信' : '送付'}</TableCell>
                        <TableCell>{exchangeFileKindLabels[g.fileKind] ?? g.fileKind}</TableCell>
                        <TableCell align="right">{count(g.files)}</TableCell>
                        <TableCell align="right" data-testid="pension-group-records">
                          {count(g.records)}
                        </TableCell>
                        <TableCell align="right">{count(g.matched)}</TableCell>
                        <TableCell align="right">{count(g.unmatched)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
                <Table size="small" aria-label="連携ファイル一覧" sx={{ mt: 2 }}>
                  <TableHead>
                    <TableRow>
                      <TableCell>番号</TableCell>
                      <TableCell>日付</TableCell>
                      <TableCell>種別</TableCell>
                      <TableCell>ファイル名</TableCell>
                      <TableCell align="right">レコード</TableCell>
                      <TableCell align="right">突合・未突合</TableCell>
                      <TableCell>承認</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {list.map((f) => (
                      <TableRow
                        key={f.id}
                        hover
                        selected={f.id === store.selectedFileId}
                        onClick={() => store.select(f.id)}
                        sx={{ cursor: 'pointer' }}
                        data-testid={`pension-file-${f.id}`}
                      >
                        <TableCell>第{f.id}号</TableCell>
                        <TableCell>
                          <WarekiDateTime at={f.createdAt} />
                        </TableCell>
                        <TableCell>
                          {f.direction === 'received' ? '受信' : '送付'}{' '}
                          {exchangeFileKindLabels[f.fileKind] ?? f.fileKind}
                        </TableCell>
                        <TableCell>{f.fileName}</TableCell>
                        <TableCell align="right">{count(f.records)}</TableCell>
                        <TableCell align="right">
                          {f.direction === 'received' ? `${count(f.matched)}・${count(f.unmatched)}` : '—'}
                        </TableCell>
                        <TableCell data-testid="pension-file-approval">
                          {f.direction === 'sent'
                            ? store.approvals[f.id]?.status === 'approved'
                              ? '承認済み'
                              : store.preparedIds.includes(f.id)
                                ? '承認待ち'
                                : '—'
                            : ''}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </>
            )}
            {selected && (
              <Stack direction="row" spacing={1} alignItems="center" sx={{ mt: 2 }} data-testid="pension-selected">
                <Typography>
                  第{selected.id}号 {selected.fileName}（{monthInJapan(selected.createdAt).replace('-', '年')}月）
                </Typography>
                {can.approve && (
                  <Button
                    variant="contained"
                    color="secondary"
                    onClick={actions.approve}
                    disabled={busy}
                    data-testid="pension-approve"
                  >
                    承認（F7）
                  </Button>
                )}
                {can.save && (
                  <Button variant="outlined" onClick={actions.save} disabled={busy} data-testid="pension-save">
                    保存（F9）
                  </Button>
                )}
              </Stack>
            )}
            {selected && selected.direction === 'sent' && store.preparedIds.includes(selected.id) && (
              <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                作成した本人は承認できません。別の監督者に第{selected.id}
                号の承認を依頼してください。承認後に保存できます。
              </Typography>
            )}
          </Paper>
        )}
      </Stack>

      <StepUpDialog
        open={approving !== null}
        action={
          approvingFile
            ? `特別徴収の送付ファイル 第${approvingFile.id}号（${approvingFile.fileName}・${count(approvingFile.records)}）を承認します`
            : `特別徴収の送付ファイル 第${approving ?? ''}号を承認します`
        }
        onConfirmed={async () => {
          const id = approving
          setApproving(null)
          if (id !== null) await store.approve(id)
        }}
        onCancel={() => setApproving(null)}
      />

      <FunctionKeyBar
        keys={[
          { key: 'Escape', label: '戻る', action: props.onClose, disabled: dialogOpen },
          ...(mayExchange
            ? [
                {
                  key: 'F2',
                  label: '対象者取込',
                  action: actions.importTargets,
                  disabled: dialogOpen || busy || !yearValid,
                },
                { key: 'F3', label: '結果取込', action: actions.importResults, disabled: dialogOpen || busy },
                { key: 'F4', label: '一覧更新', action: actions.reload, disabled: dialogOpen || !yearValid },
                { key: 'F5', label: '試算', action: actions.exportDryRun, disabled: dialogOpen || busy || !yearValid },
                {
                  key: 'F6',
                  label: '作成',
                  action: actions.prepare,
                  disabled: dialogOpen || busy || requests.data?.status !== 'dryRun',
                },
              ]
            : []),
          { key: 'F7', label: '承認', action: actions.approve, disabled: dialogOpen || busy || !can.approve },
          ...(mayExchange
            ? [{ key: 'F9', label: '保存', action: actions.save, disabled: dialogOpen || busy || !can.save }]
            : []),
        ]}
      />
    </Stack>
  )
}

/** What the server answered for an imported file: the counts, the unmatched records and the line report. */
function ImportReport(props: {
  testId: string
  title: string
  error: string | null
  report: {
    status: string
    records: number
    matched: number
    unmatchedCount: number
    truncated: boolean
    fileName: string
    problems: readonly PensionFileProblem[]
    unmatched: readonly UnmatchedPensionRecord[]
    warnings?: readonly string[] | undefined
    lines: readonly (readonly [string, string])[]
  } | null
}) {
  const r = props.report
  return (
    <Paper sx={{ p: 2 }} data-testid={props.testId}>
      <Typography variant="h6" component="h3">
        {props.title}
      </Typography>
      {props.error && (
        <Alert severity="error" role="alert" data-testid={`${props.testId}-error`}>
          {props.error}
        </Alert>
      )}
      {r && (
        <Stack spacing={1}>
          <Typography data-testid={`${props.testId}-status`}>
            {r.fileName}: {importStatusLabels[r.status] ?? r.status}
          </Typography>
          <Typography data-testid={`${props.testId}-counts`}>
            レコード {count(r.records)} 突合 {count(r.matched)} 未突合 {count(r.unmatchedCount)}
            {r.lines.map(([label, value]) => ` ／ ${label} ${value}`).join('')}
          </Typography>
          {r.warnings?.map((w) => (
            <Alert key={w} severity="warning">
              {w}
            </Alert>
          ))}
          {r.problems.length > 0 && (
            <Table size="small" aria-label="誤りの一覧" data-testid={`${props.testId}-problems`}>
              <TableHead>
                <TableRow>
                  <TableCell>レコード</TableCell>
                  <TableCell>位置（バイト）</TableCell>
                  <TableCell>項目</TableCell>
                  <TableCell>内容</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {r.problems.map((p, i) => (
                  <TableRow key={i} data-testid="pension-problem">
                    <TableCell>{p.recordNumber === 0 ? 'ファイル' : `第${p.recordNumber}レコード`}</TableCell>
                    <TableCell>{p.bytePosition}</TableCell>
                    <TableCell>{p.field}</TableCell>
                    <TableCell>{p.message}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          {r.unmatched.length > 0 && (
            <Table size="small" aria-label="突合できなかったレコード" data-testid={`${props.testId}-unmatched`}>
              <TableHead>
                <TableRow>
                  <TableCell>レコード</TableCell>
                  <TableCell>基礎年金番号</TableCell>
                  <TableCell>カナ氏名</TableCell>
                  <TableCell>生年月日</TableCell>
                  <TableCell>理由</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {r.unmatched.map((u) => (
                  <TableRow key={u.recordNumber}>
                    <TableCell>第{u.recordNumber}レコード</TableCell>
                    <TableCell>{u.basicPensionNumber}</TableCell>
                    <TableCell>{u.kanaName}</TableCell>
                    <TableCell>
                      <WarekiDate date={u.birthDate} />
                    </TableCell>
                    <TableCell>{u.reason}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          {r.truncated && (
            <Typography variant="body2" color="text.secondary">
              件数が多いため先頭のみ表示しています
            </Typography>
          )}
        </Stack>
      )}
    </Paper>
  )
}
