import { useEffect, useRef, useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import FormControlLabel from '@mui/material/FormControlLabel'
import LinearProgress from '@mui/material/LinearProgress'
import Paper from '@mui/material/Paper'
import Radio from '@mui/material/Radio'
import RadioGroup from '@mui/material/RadioGroup'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import {
  extractStatusLabels,
  migrationDecisionLabels,
  trialStoreStatusLabels,
  type MigrationExtract,
  type MigrationReconciliation,
  type MigrationReconciliationSummary,
} from '../../../../shared/api/migration'
import { findingRuleLabels, findingRules, type FindingRule } from '../../../../shared/migration/findings'
import { FunctionKeyBar } from '../../components/FunctionKeyBar'
import { WarekiDate, WarekiDateTime } from '../../components/WarekiDate'
import { useNavigationStore } from '../../app/navigation-store'
import { useMay } from '../../stores/session-store'
import { StepUpDialog } from '../login/StepUpDialog'
import {
  bytesText,
  decisionState,
  fileVerified,
  findingTotal,
  REPORT_PAGE,
  uploadPercent,
  useMigrationStore,
  type GaijiEntry,
} from './migration-store'

/** An action waiting for the step-up dialog (C-06): what it says, and the action itself. */
interface PendingStepUp {
  action: string
  run(): Promise<unknown>
}

const yen = (n: number | null) => (n === null ? '—' : n.toLocaleString('ja-JP'))

/**
 * データ移行（移行コックピット）: the legacy extracts received (files with their SHA-256 and row counts, edition), the
 * validation report and its acceptance by a 監督者, the 外字 workbench, the 仮移行 (dry run, then the load) with its
 * per-table timings, the 突合 with its differences and drill-down, the 監督者's sign-off and 移行判定 and the erasure
 * of a trial store. Only the actions the session's permissions allow are shown (the server checks them again, and
 * its four-eyes rules). F2 読込み, F5 再表示, F6 仮移行の試算, Esc 戻る.
 */
export function MigrationScreen(props: { onClose(): void }) {
  const mayOperate = useMay('migration.operate')
  const mayApprove = useMay('migration.approve')
  const store = useMigrationStore()
  const { extracts, selectedId, upload, gaiji, plan, stores, reconciliation, drillDown, write } = store
  const navDialogOpen = useNavigationStore((s) => s.dialogs.length > 0)
  const [pending, setPending] = useState<PendingStepUp | null>(null)
  const dialogOpen = navDialogOpen || pending !== null
  const extract = extracts.data?.find((e) => e.id === selectedId) ?? null

  useEffect(() => {
    void useMigrationStore
      .getState()
      .refresh()
      .then(() => {
        if (useMigrationStore.getState().selectedId !== null) void useMigrationStore.getState().loadReport(null)
      })
  }, [])

  const busy = upload.busy || write.busy
  const actions = {
    load: () => {
      if (mayOperate && !busy) void store.loadExtract()
    },
    refresh: () => {
      if (!extracts.busy) void store.refresh().then(() => store.loadReport(store.reportRule))
    },
    dryRun: () => {
      if (mayOperate && extract?.status === 'accepted' && !plan.busy) void store.dryRun()
    },
    escape: () => (drillDown.data || drillDown.error ? store.closeDrillDown() : props.onClose()),
  }
  const stepUp = (action: string, run: () => Promise<unknown>) => setPending({ action, run })

  return (
    <Stack sx={{ flex: 1, minHeight: 0 }} data-testid="migration-screen">
      <Stack spacing={2} sx={{ p: 2, flex: 1, overflow: 'auto' }}>
        <Typography variant="h5" component="h2" sx={{ fontWeight: 700 }}>
          データ移行（移行コックピット）
        </Typography>
        {write.error && (
          <Alert severity="error" role="alert" onClose={store.clearMessage} data-testid="migration-error">
            {write.error}
          </Alert>
        )}
        {write.data && (
          <Alert severity="success" onClose={store.clearMessage} data-testid="migration-message">
            {write.data}
          </Alert>
        )}
        {extracts.error && (
          <Alert severity="error" role="alert" data-testid="migration-load-error">
            {extracts.error}
          </Alert>
        )}

        <ExtractsPanel
          mayOperate={mayOperate}
          busy={busy}
          onLoad={actions.load}
          onSelect={(id) => void store.select(id)}
        />

        {extract && <FilesPanel extract={extract} />}

        {extract && (
          <ReportPanel
            extract={extract}
            mayApprove={mayApprove}
            busy={busy}
            onAccept={(note) =>
              stepUp(`抽出データ 第${extract.id}号の検証結果を承認します`, () => store.acceptReport(note))
            }
          />
        )}

        <GaijiPanel
          entries={gaiji.data?.entries ?? []}
          open={gaiji.data?.open ?? 0}
          error={gaiji.error}
          mayOperate={mayOperate}
          busy={busy}
          onDecide={(character, replacement, reason) => store.decideGaiji(character, replacement, reason)}
        />

        <RehearsalPanel
          extract={extract}
          mayOperate={mayOperate}
          busy={busy}
          onDryRun={actions.dryRun}
          onErase={(id, name, title) =>
            stepUp(`仮移行環境 第${id}号を消去します（立会 ${name}）`, () => store.eraseTrialStore(id, name, title))
          }
        />

        <ReconciliationPanel
          mayApprove={mayApprove}
          busy={busy}
          onSignOff={(comment, explanations) =>
            stepUp(`突合結果報告 第${reconciliation.data?.id ?? ''}号を承認します`, () =>
              store.signOff(comment, explanations),
            )
          }
          onDecide={(decision, reasons) =>
            stepUp(`移行判定「${migrationDecisionLabels[decision]}」を記録します`, () =>
              store.recordDecision(decision, reasons),
            )
          }
        />
        {stores.error && (
          <Alert severity="error" role="alert">
            {stores.error}
          </Alert>
        )}
      </Stack>

      <StepUpDialog
        open={pending !== null}
        action={pending?.action ?? ''}
        onConfirmed={async () => {
          const run = pending?.run
          setPending(null)
          if (run) await run()
        }}
        onCancel={() => setPending(null)}
      />

      <FunctionKeyBar
        keys={[
          {
            key: 'Escape',
            label: drillDown.data || drillDown.error ? '内訳を閉じる' : '戻る',
            action: actions.escape,
            disabled: dialogOpen,
          },
          ...(mayOperate
            ? [{ key: 'F2', label: '抽出データ読込み', action: actions.load, disabled: dialogOpen || busy }]
            : []),
          { key: 'F5', label: '再表示', action: actions.refresh, disabled: dialogOpen || extracts.busy },
          ...(mayOperate
            ? [
                {
                  key: 'F6',
                  label: '仮移行の試算',
                  action: actions.dryRun,
                  disabled: dialogOpen || extract?.status !== 'accepted' || plan.busy,
                },
              ]
            : []),
        ]}
      />
    </Stack>
  )
}

/** The extracts received, the loading of a new one through main (progress in bytes) and the choice of one. */
function ExtractsPanel(props: { mayOperate: boolean; busy: boolean; onLoad(): void; onSelect(id: number): void }) {
  const { extracts, selectedId, upload } = useMigrationStore()
  const list = extracts.data ?? []
  const progress = upload.data
  return (
    <Paper sx={{ p: 2 }} data-testid="migration-extracts">
      <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 1 }}>
        <Typography variant="h6" component="h3" sx={{ flex: 1 }}>
          抽出データ
        </Typography>
        {props.mayOperate && (
          <Button variant="contained" onClick={props.onLoad} disabled={props.busy} data-testid="migration-load">
            抽出データを読み込む（F2）
          </Button>
        )}
      </Stack>
      {props.mayOperate && (
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
          manifest.json のあるフォルダを選ぶと、端末がファイルを分割して送信し、サーバがウイルス検査と検証を行います。
        </Typography>
      )}
      {upload.busy && (
        <Box sx={{ mb: 1 }} data-testid="migration-upload">
          <Typography variant="body2">
            {progress
              ? `${progress.folderName}: ${bytesText(progress.sentBytes)} / ${bytesText(progress.totalBytes)} 送信`
              : 'フォルダを読み込み中'}
          </Typography>
          <LinearProgress
            variant={progress ? 'determinate' : 'indeterminate'}
            value={progress ? uploadPercent(progress.sentBytes, progress.totalBytes) : 0}
            aria-label="送信の進捗"
          />
        </Box>
      )}
      {upload.error && (
        <Alert severity="error" role="alert" sx={{ mb: 1 }} data-testid="migration-upload-error">
          {upload.error}
        </Alert>
      )}
      {list.length === 0 ? (
        <Typography variant="body2">まだ抽出データを受け入れていません</Typography>
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>番号</TableCell>
              <TableCell>状態</TableCell>
              <TableCell>版</TableCell>
              <TableCell>送付元</TableCell>
              <TableCell>抽出日時</TableCell>
              <TableCell>対象期間</TableCell>
              <TableCell align="right">指摘</TableCell>
              <TableCell align="right">未決定の外字</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {list.map((e) => (
              <TableRow
                key={e.id}
                hover
                selected={e.id === selectedId}
                tabIndex={0}
                role="button"
                aria-label={`抽出データ 第${e.id}号 ${extractStatusLabels[e.status]}`}
                onClick={() => props.onSelect(e.id)}
                onKeyDown={(ev) => {
                  if (ev.key === 'Enter' || ev.key === ' ') {
                    ev.preventDefault()
                    props.onSelect(e.id)
                  }
                }}
                data-testid={`migration-extract-${e.id}`}
                sx={{ cursor: 'pointer' }}
              >
                <TableCell>第{e.id}号</TableCell>
                <TableCell data-testid="migration-extract-status">
                  <Chip
                    size="small"
                    label={extractStatusLabels[e.status]}
                    color={e.status === 'accepted' ? 'success' : e.status === 'rejected' ? 'error' : 'default'}
                  />
                </TableCell>
                <TableCell>{e.editionId}</TableCell>
                <TableCell>{e.sender}</TableCell>
                <TableCell>
                  <WarekiDateTime at={e.extractedAt} />
                </TableCell>
                <TableCell>
                  <WarekiDate date={e.periodFrom} />〜<WarekiDate date={e.periodTo} />
                </TableCell>
                <TableCell align="right">{findingTotal(e).toLocaleString('ja-JP')}</TableCell>
                <TableCell align="right">{e.openGaiji}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Paper>
  )
}

/** The files of the extract shown, as the manifest states them and as they arrived. */
function FilesPanel(props: { extract: MigrationExtract }) {
  const e = props.extract
  return (
    <Paper sx={{ p: 2 }} data-testid="migration-files">
      <Typography variant="h6" component="h3">
        受信ファイル（抽出データ 第{e.id}号・{e.kind === 'full' ? '全件' : '差分'}・版 {e.editionId}）
      </Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>
        受信 <WarekiDateTime at={e.receivedAt} />
        {e.validatedAt && (
          <>
            {'\u3000'}検証 <WarekiDateTime at={e.validatedAt} />
          </>
        )}
        {e.acceptedAt && (
          <>
            {'\u3000'}承認 <WarekiDateTime at={e.acceptedAt} />（{e.acceptedBy}）
          </>
        )}
      </Typography>
      {e.warnings.map((w) => (
        <Alert key={w} severity="warning" sx={{ mb: 1 }}>
          {w}
        </Alert>
      ))}
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>区分</TableCell>
              <TableCell>ファイル</TableCell>
              <TableCell align="right">件数</TableCell>
              <TableCell align="right">サイズ</TableCell>
              <TableCell>SHA-256（管理ファイル）</TableCell>
              <TableCell>照合</TableCell>
              <TableCell>文字コード</TableCell>
              <TableCell>ウイルス検査</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {e.files.map((f) => (
              <TableRow key={f.fileName} data-testid={`migration-file-${f.fileName}`}>
                <TableCell>{f.group}</TableCell>
                <TableCell>{f.fileName}</TableCell>
                <TableCell align="right">{f.rows.toLocaleString('ja-JP')}</TableCell>
                <TableCell align="right">{bytesText(f.bytes)}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }} title={f.sha256}>
                  {f.sha256.slice(0, 16)}…
                </TableCell>
                <TableCell>
                  {fileVerified(f) ? (
                    <Chip size="small" color="success" label="一致" />
                  ) : f.receivedSha256 === null ? (
                    <Chip size="small" label="未受信" />
                  ) : (
                    <Chip size="small" color="error" label="不一致" />
                  )}
                </TableCell>
                <TableCell>{f.encoding ?? '—'}</TableCell>
                <TableCell>{f.scan === 'notScanned' ? '未検査（デモ）' : (f.scan ?? '—')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Paper>
  )
}

/** The validation report of the extract shown (filtered by rule, paged) and its acceptance by a 監督者. */
function ReportPanel(props: {
  extract: MigrationExtract
  mayApprove: boolean
  busy: boolean
  onAccept(note: string): void
}) {
  const { report, reportRule, loadReport } = useMigrationStore()
  const [note, setNote] = useState('')
  const e = props.extract
  const data = report.data?.extractId === e.id ? report.data : null
  const rules = findingRules.filter((r) => (e.findingCounts[r] ?? 0) > 0)
  const total = findingTotal(e)
  const [page, setPage] = useState(0)
  const canAccept = props.mayApprove && e.status === 'validated' && note.trim() !== '' && !props.busy

  const go = (rule: FindingRule | null, at: number) => {
    setPage(at)
    void loadReport(rule, at)
  }
  function accept(event: FormEvent) {
    event.preventDefault()
    if (canAccept) props.onAccept(note.trim())
  }

  return (
    <Paper sx={{ p: 2 }} data-testid="migration-report">
      <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 1 }}>
        <Typography variant="h6" component="h3" sx={{ flex: 1 }}>
          検証結果（指摘 {total.toLocaleString('ja-JP')} 件）
        </Typography>
        <TextField
          select
          size="small"
          label="規則"
          value={reportRule ?? ''}
          onChange={(ev) => go((ev.target.value || null) as FindingRule | null, 0)}
          slotProps={{
            select: { native: true },
            inputLabel: { shrink: true },
            htmlInput: { 'data-testid': 'migration-report-rule' },
          }}
          sx={{ minWidth: 220 }}
        >
          <option value="">すべて</option>
          {rules.map((r) => (
            <option key={r} value={r}>
              {findingRuleLabels[r]}（{e.findingCounts[r]}件）
            </option>
          ))}
        </TextField>
      </Stack>
      {report.busy && <LinearProgress aria-label="検証結果を読み込み中" />}
      {report.error && (
        <Alert severity="error" role="alert">
          {report.error}
        </Alert>
      )}
      {data && (
        <>
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small" data-testid="migration-findings">
              <TableHead>
                <TableRow>
                  <TableCell>ファイル</TableCell>
                  <TableCell align="right">行</TableCell>
                  <TableCell>項目</TableCell>
                  <TableCell>値</TableCell>
                  <TableCell>規則</TableCell>
                  <TableCell>説明</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.findings.map((f) => (
                  <TableRow key={f.id} data-testid="migration-finding">
                    <TableCell>{f.fileName}</TableCell>
                    <TableCell align="right">{f.line}</TableCell>
                    <TableCell>{f.item ?? '—'}</TableCell>
                    <TableCell>
                      {f.value ?? '—'}
                      {f.expected !== null && `（正: ${f.expected}）`}
                    </TableCell>
                    <TableCell>{findingRuleLabels[f.rule]}</TableCell>
                    <TableCell>{f.message}</TableCell>
                  </TableRow>
                ))}
                {data.findings.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={6}>指摘はありません</TableCell>
                  </TableRow>
                )}
              </TableBody>
            </Table>
          </Box>
          {data.total > REPORT_PAGE && (
            <Stack direction="row" spacing={1} alignItems="center" sx={{ mt: 1 }}>
              <Button size="small" disabled={page === 0} onClick={() => go(reportRule, page - REPORT_PAGE)}>
                前へ
              </Button>
              <Typography variant="body2">
                {page + 1}〜{Math.min(page + REPORT_PAGE, data.total)} 件目 / {data.total} 件
              </Typography>
              <Button
                size="small"
                disabled={page + REPORT_PAGE >= data.total}
                onClick={() => go(reportRule, page + REPORT_PAGE)}
              >
                次へ
              </Button>
            </Stack>
          )}
        </>
      )}
      {props.mayApprove && e.status === 'validated' && (
        <form onSubmit={accept}>
          <Stack direction="row" spacing={2} alignItems="center" sx={{ mt: 2 }}>
            <TextField
              size="small"
              label="承認の所見（必須）"
              value={note}
              onChange={(ev) => setNote(ev.target.value.slice(0, 500))}
              sx={{ flex: 1 }}
              slotProps={{ htmlInput: { 'data-testid': 'migration-accept-note' } }}
            />
            <Button type="submit" variant="contained" disabled={!canAccept} data-testid="migration-accept">
              検証結果を承認する（Enter）
            </Button>
          </Stack>
        </form>
      )}
    </Paper>
  )
}

/** The 外字 workbench: every character outside the allowed set, its candidates and the decision recorded. */
function GaijiPanel(props: {
  entries: GaijiEntry[]
  open: number
  error: string | null
  mayOperate: boolean
  busy: boolean
  onDecide(character: string, replacement: string, reason: string): Promise<boolean>
}) {
  return (
    <Paper sx={{ p: 2 }} data-testid="migration-gaiji">
      <Typography variant="h6" component="h3" sx={{ mb: 1 }}>
        外字（未決定 <span data-testid="migration-gaiji-open">{props.open}</span> 文字）
      </Typography>
      {props.error && (
        <Alert severity="error" role="alert">
          {props.error}
        </Alert>
      )}
      {props.entries.length === 0 ? (
        <Typography variant="body2">外字はありません</Typography>
      ) : (
        <Stack spacing={1}>
          {props.entries.map((entry) => (
            <GaijiRow
              key={entry.character}
              entry={entry}
              mayOperate={props.mayOperate}
              busy={props.busy}
              onDecide={props.onDecide}
            />
          ))}
        </Stack>
      )}
    </Paper>
  )
}

function GaijiRow(props: {
  entry: GaijiEntry
  mayOperate: boolean
  busy: boolean
  onDecide(character: string, replacement: string, reason: string): Promise<boolean>
}) {
  const { entry } = props
  const [replacement, setReplacement] = useState<string | null>(entry.candidates[0] ?? null)
  const [reason, setReason] = useState('')
  const canDecide = props.mayOperate && replacement !== null && reason.trim() !== '' && !props.busy
  async function decide(event: FormEvent) {
    event.preventDefault()
    if (canDecide && (await props.onDecide(entry.character, replacement, reason.trim()))) setReason('')
  }
  return (
    <Box
      sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1 }}
      data-testid={`migration-gaiji-${entry.codePoint}`}
    >
      <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
        <Typography sx={{ fontSize: 28, minWidth: 40 }} aria-label={`外字 ${entry.codePoint}`}>
          {entry.character}
        </Typography>
        <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
          {entry.codePoint}
        </Typography>
        <Typography variant="body2">
          出現 {entry.occurrences} 件・対象者 {entry.persons} 人
        </Typography>
        {entry.decision ? (
          <Chip
            color="success"
            size="small"
            data-testid="migration-gaiji-decision"
            label={
              entry.decision.replacement === entry.character
                ? `決定済: そのまま使用（${entry.decision.decidedBy}）`
                : `決定済: 「${entry.decision.replacement}」に置換（${entry.decision.decidedBy}）`
            }
          />
        ) : (
          <Chip color="warning" size="small" label="未決定" data-testid="migration-gaiji-decision" />
        )}
      </Stack>
      {entry.samples.length > 0 && (
        <Typography variant="caption" color="text.secondary" component="p">
          例:{' '}
          {entry.samples
            .slice(0, 3)
            .map((s) => `${s.fileName} ${s.line}行 ${s.item}「${s.value}」（宛名番号 ${s.personKey}）`)
            .join('、')}
        </Typography>
      )}
      {props.mayOperate && (
        <form onSubmit={(e) => void decide(e)}>
          <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap sx={{ mt: 1 }}>
            <Typography variant="body2">標準文字:</Typography>
            {entry.candidates.map((c) => (
              <Button
                key={c}
                size="small"
                variant={replacement === c ? 'contained' : 'outlined'}
                aria-pressed={replacement === c}
                onClick={() => setReplacement(c)}
                data-testid={`migration-gaiji-candidate-${c}`}
              >
                {c}
              </Button>
            ))}
            <Button
              size="small"
              variant={replacement === entry.character ? 'contained' : 'outlined'}
              aria-pressed={replacement === entry.character}
              onClick={() => setReplacement(entry.character)}
              data-testid="migration-gaiji-keep"
            >
              そのまま使用
            </Button>
            <TextField
              size="small"
              label="理由（必須）"
              value={reason}
              onChange={(e) => setReason(e.target.value.slice(0, 200))}
              sx={{ flex: 1, minWidth: 200 }}
              slotProps={{ htmlInput: { 'data-testid': 'migration-gaiji-reason' } }}
            />
            <Button type="submit" variant="contained" disabled={!canDecide} data-testid="migration-gaiji-decide">
              {entry.decision ? '決定を改める（Enter）' : '決定を記録する（Enter）'}
            </Button>
          </Stack>
        </form>
      )}
    </Box>
  )
}

/** 仮移行: the dry run of the accepted extract, the load, and the trial stores with their per-table timings. */
function RehearsalPanel(props: {
  extract: MigrationExtract | null
  mayOperate: boolean
  busy: boolean
  onDryRun(): void
  onErase(trialStoreId: number, witnessName: string, witnessTitle: string): void
}) {
  const { plan, stores, startRehearsal, reconcile, erasure } = useMigrationStore()
  const list = stores.data ?? []
  const [label, setLabel] = useState('')
  const [witness, setWitness] = useState({ name: '', title: '' })
  const shownPlan = plan.data?.extractId === props.extract?.id ? plan.data : null
  const labelText = label.trim() === '' ? `第${list.length + 1}回仮移行` : label.trim()
  const accepted = props.extract?.status === 'accepted'

  function start(event: FormEvent) {
    event.preventDefault()
    if (shownPlan && !props.busy) void startRehearsal(labelText).then((s) => s && setLabel(''))
  }

  return (
    <Paper sx={{ p: 2 }} data-testid="migration-rehearsal">
      <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 1 }}>
        <Typography variant="h6" component="h3" sx={{ flex: 1 }}>
          仮移行
        </Typography>
        {props.mayOperate && (
          <Button
            variant="outlined"
            onClick={props.onDryRun}
            disabled={!accepted || plan.busy}
            data-testid="migration-dry-run"
          >
            試算する（F6）
          </Button>
        )}
      </Stack>
      {props.mayOperate && props.extract && !accepted && (
        <Typography variant="body2" color="text.secondary">
          検証結果が承認された抽出データだけを仮移行できます
        </Typography>
      )}
      {plan.busy && <LinearProgress aria-label="試算中" />}
      {plan.error && (
        <Alert severity="error" role="alert">
          {plan.error}
        </Alert>
      )}
      {shownPlan && (
        <Box data-testid="migration-plan" sx={{ mb: 2 }}>
          <Typography variant="subtitle1" sx={{ fontWeight: 700 }}>
            試算: {shownPlan.totalRows.toLocaleString('ja-JP')} 件・対象者 {shownPlan.persons.toLocaleString('ja-JP')}{' '}
            人
          </Typography>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>区分</TableCell>
                <TableCell>ファイル</TableCell>
                <TableCell align="right">件数</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {shownPlan.groups.map((g) => (
                <TableRow key={g.fileName}>
                  <TableCell>{g.group}</TableCell>
                  <TableCell>{g.fileName}</TableCell>
                  <TableCell align="right">{g.rows.toLocaleString('ja-JP')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {shownPlan.replaces.length > 0 && (
            <Alert severity="warning" sx={{ mt: 1 }}>
              読込み前に次の仮移行環境を消去します:{' '}
              {shownPlan.replaces.map((r) => `第${r.id}号「${r.label}」`).join('、')}
            </Alert>
          )}
          <form onSubmit={start}>
            <Stack direction="row" spacing={2} alignItems="center" sx={{ mt: 1 }}>
              <TextField
                size="small"
                label="名称"
                placeholder={labelText}
                value={label}
                onChange={(e) => setLabel(e.target.value.slice(0, 60))}
                slotProps={{ htmlInput: { 'data-testid': 'migration-rehearsal-label' } }}
              />
              <Button type="submit" variant="contained" disabled={props.busy} data-testid="migration-start">
                仮移行を実行する（Enter）
              </Button>
            </Stack>
          </form>
        </Box>
      )}
      {list.length === 0 ? (
        <Typography variant="body2">仮移行環境はありません</Typography>
      ) : (
        <Table size="small" data-testid="migration-stores">
          <TableHead>
            <TableRow>
              <TableCell>番号</TableCell>
              <TableCell>名称</TableCell>
              <TableCell>状態</TableCell>
              <TableCell>抽出データ</TableCell>
              <TableCell>実行者</TableCell>
              <TableCell>読込み</TableCell>
              <TableCell>テーブル別の所要時間</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {list.map((s) => (
              <TableRow key={s.id} data-testid={`migration-store-${s.id}`}>
                <TableCell>第{s.id}号</TableCell>
                <TableCell>{s.label}</TableCell>
                <TableCell data-testid="migration-store-status">{trialStoreStatusLabels[s.status]}</TableCell>
                <TableCell>{s.extractId === null ? '—' : `第${s.extractId}号`}</TableCell>
                <TableCell>{s.createdBy}</TableCell>
                <TableCell>{s.loadedAt ? <WarekiDateTime at={s.loadedAt} /> : '—'}</TableCell>
                <TableCell>
                  {s.tableTimings.map((t) => (
                    <Typography key={t.table} variant="caption" component="div">
                      {t.table}: {t.rows.toLocaleString('ja-JP')} 件 {t.milliseconds.toLocaleString('ja-JP')} ms
                    </Typography>
                  ))}
                </TableCell>
                <TableCell>
                  {props.mayOperate && s.status === 'ready' && (
                    <Stack spacing={1}>
                      <Button
                        size="small"
                        variant="contained"
                        disabled={props.busy}
                        onClick={() => void reconcile(s.id)}
                        data-testid="migration-reconcile"
                      >
                        突合する
                      </Button>
                      <Stack direction="row" spacing={1}>
                        <TextField
                          size="small"
                          label="立会者 氏名"
                          value={witness.name}
                          onChange={(e) => setWitness({ ...witness, name: e.target.value.slice(0, 60) })}
                          slotProps={{ htmlInput: { 'data-testid': 'migration-witness-name' } }}
                        />
                        <TextField
                          size="small"
                          label="立会者 職名"
                          value={witness.title}
                          onChange={(e) => setWitness({ ...witness, title: e.target.value.slice(0, 60) })}
                          slotProps={{ htmlInput: { 'data-testid': 'migration-witness-title' } }}
                        />
                        <Button
                          size="small"
                          color="error"
                          disabled={props.busy || witness.name.trim() === '' || witness.title.trim() === ''}
                          onClick={() => props.onErase(s.id, witness.name.trim(), witness.title.trim())}
                          data-testid="migration-erase"
                        >
                          消去する
                        </Button>
                      </Stack>
                    </Stack>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {erasure && (
        <Alert severity="info" sx={{ mt: 1 }} data-testid="migration-erasure">
          消去報告書 第{erasure.id}号: {erasure.target}・{erasure.method}・
          {erasure.items.map((i) => `${i.what} ${i.count}`).join('、')}・確認{' '}
          {Object.values(erasure.verification).every(Boolean) ? 'すべて良' : '不良あり'}（立会 {erasure.witnessName}{' '}
          {erasure.witnessTitle}、SHA-256 {erasure.pdfSha256.slice(0, 16)}…）
        </Alert>
      )}
    </Paper>
  )
}

/** 突合: the report shown (run here or opened by its number), its differences and drill-down, sign-off and 移行判定. */
function ReconciliationPanel(props: {
  mayApprove: boolean
  busy: boolean
  onSignOff(comment: string, explanations: { differenceId: number; text: string }[]): void
  onDecide(decision: 'go' | 'noGo', reasons: string): void
}) {
  const {
    reports,
    reconciliation,
    drillDown,
    decision,
    loadReports,
    openReconciliation,
    openDifference,
    closeDrillDown,
  } = useMigrationStore()
  const [number, setNumber] = useState('')
  const report = reconciliation.data
  const drillRef = useRef<HTMLDivElement | null>(null)

  useEffect(() => {
    void loadReports()
  }, [loadReports])

  useEffect(() => {
    if (drillDown.data) drillRef.current?.focus()
  }, [drillDown.data])

  function open(event: FormEvent) {
    event.preventDefault()
    const id = Number(number)
    if (Number.isInteger(id) && id > 0) void openReconciliation(id)
  }

  return (
    <Paper sx={{ p: 2 }} data-testid="migration-reconciliation">
      <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 1 }}>
        <Typography variant="h6" component="h3" sx={{ flex: 1 }}>
          突合・移行判定
        </Typography>
        <form onSubmit={open}>
          <Stack direction="row" spacing={1} alignItems="center">
            <TextField
              size="small"
              label="突合結果報告の番号"
              value={number}
              onChange={(e) => setNumber(e.target.value.replace(/\D/g, '').slice(0, 9))}
              slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'migration-report-number' } }}
            />
            <Button type="submit" variant="outlined" disabled={number === ''} data-testid="migration-report-open">
              開く（Enter）
            </Button>
          </Stack>
        </form>
      </Stack>
      <ReportList
        reports={reports.data?.reports ?? []}
        total={reports.data?.total ?? 0}
        busy={reports.busy}
        error={reports.error}
        shownId={report?.id ?? null}
        onOpen={(id) => void openReconciliation(id)}
      />
      {reconciliation.busy && <LinearProgress aria-label="突合結果を読み込み中" />}
      {reconciliation.error && (
        <Alert severity="error" role="alert">
          {reconciliation.error}
        </Alert>
      )}
      {!report && !reconciliation.busy && (
        <Typography variant="body2">
          突合を実行するか、一覧から突合結果報告を選ぶか、その番号を入れて開いてください
        </Typography>
      )}
      {report && (
        <ReconciliationView
          report={report}
          mayApprove={props.mayApprove}
          busy={props.busy}
          onOpenDifference={(id) => void openDifference(id)}
          onSignOff={props.onSignOff}
          onDecide={props.onDecide}
        />
      )}
      {(drillDown.busy || drillDown.data || drillDown.error) && (
        <Paper
          variant="outlined"
          sx={{ p: 2, mt: 2, outline: 'none' }}
          tabIndex={-1}
          ref={drillRef}
          data-testid="migration-drill-down"
          aria-label="差異の内訳"
        >
          <Stack direction="row" alignItems="center" sx={{ mb: 1 }}>
            <Typography variant="subtitle1" sx={{ flex: 1, fontWeight: 700 }}>
              差異の内訳{drillDown.data ? `（${drillDown.data.total} 件）` : ''}
            </Typography>
            <Button onClick={closeDrillDown}>閉じる（Esc）</Button>
          </Stack>
          {drillDown.busy && <LinearProgress aria-label="内訳を読み込み中" />}
          {drillDown.error && (
            <Alert severity="error" role="alert">
              {drillDown.error}
            </Alert>
          )}
          {drillDown.data && (
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>被保険者番号</TableCell>
                  <TableCell>項目</TableCell>
                  <TableCell align="right">旧システム</TableCell>
                  <TableCell align="right">仮移行</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {drillDown.data.records.map((r, i) => (
                  <TableRow key={`${r.insuredNumber ?? ''}-${i}`}>
                    <TableCell>{r.insuredNumber ?? '—'}</TableCell>
                    <TableCell>{r.item}</TableCell>
                    <TableCell align="right">{r.legacyValue}</TableCell>
                    <TableCell align="right">{r.loadedValue}</TableCell>
                  </TableRow>
                ))}
                {drillDown.data.records.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={4}>該当する記録はありません</TableCell>
                  </TableRow>
                )}
              </TableBody>
            </Table>
          )}
        </Paper>
      )}
      {decision && (
        <Alert
          severity={decision.decision === 'go' ? 'success' : 'warning'}
          sx={{ mt: 2 }}
          data-testid="migration-decision"
        >
          移行判定: {migrationDecisionLabels[decision.decision]}（突合結果報告 第{decision.reportId}号 第
          {decision.reportVersion}版、{decision.approverName}、<WarekiDateTime at={decision.decidedAt} />
          ）理由: {decision.reasons}
        </Alert>
      )}
    </Paper>
  )
}

/** The 突合結果報告 newest first: one is opened with a click or Enter (the number path stays beside it). */
function ReportList(props: {
  reports: readonly MigrationReconciliationSummary[]
  total: number
  busy: boolean
  error: string | null
  shownId: number | null
  onOpen(id: number): void
}) {
  return (
    <Box sx={{ mb: 2 }} data-testid="migration-report-list">
      {props.busy && <LinearProgress aria-label="突合結果報告の一覧を読み込み中" />}
      {props.error && (
        <Alert severity="error" role="alert">
          {props.error}
        </Alert>
      )}
      {!props.busy && !props.error && props.reports.length === 0 ? (
        <Typography variant="body2">突合結果報告はまだありません</Typography>
      ) : (
        <Table size="small" aria-label="突合結果報告の一覧">
          <TableHead>
            <TableRow>
              <TableCell>報告</TableCell>
              <TableCell>仮移行環境</TableCell>
              <TableCell>突合の相手</TableCell>
              <TableCell>作成</TableCell>
              <TableCell align="right">差異</TableCell>
              <TableCell align="right">未説明</TableCell>
              <TableCell>承認</TableCell>
              <TableCell>移行判定</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {props.reports.map((r) => (
              <TableRow
                key={r.id}
                hover
                selected={r.id === props.shownId}
                tabIndex={0}
                role="button"
                aria-label={`突合結果報告 第${r.id}号 第${r.version}版 ${r.signoff ? '承認済' : '未承認'}`}
                onClick={() => props.onOpen(r.id)}
                onKeyDown={(ev) => {
                  if (ev.key === 'Enter' || ev.key === ' ') {
                    ev.preventDefault()
                    props.onOpen(r.id)
                  }
                }}
                data-testid={`migration-report-row-${r.id}`}
                sx={{ cursor: 'pointer' }}
              >
                <TableCell>
                  第{r.id}号 第{r.version}版{r.latest ? '（最新）' : ''}
                </TableCell>
                <TableCell>
                  {r.trialStoreId === null ? '—' : `第${r.trialStoreId}号 ${r.trialStoreLabel ?? ''}`}
                  {r.extractId === null ? '' : `（抽出データ 第${r.extractId}号）`}
                </TableCell>
                <TableCell>{r.against === 'production' ? '本番データ' : '旧システムの管理値'}</TableCell>
                <TableCell>
                  {r.createdBy} <WarekiDateTime at={r.createdAt} />
                </TableCell>
                <TableCell align="right">{r.differences}</TableCell>
                <TableCell align="right">{r.unexplained}</TableCell>
                <TableCell data-testid="migration-report-row-signoff">
                  {r.signoff ? (
                    <>
                      <Chip size="small" color="success" label="承認済" /> {r.signoff.supervisorLogin}
                    </>
                  ) : (
                    <Chip size="small" label="未承認" />
                  )}
                </TableCell>
                <TableCell>{r.decision ? migrationDecisionLabels[r.decision] : '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {props.total > props.reports.length && (
        <Typography variant="caption">
          新しい {props.reports.length} 件を表示しています（全 {props.total}{' '}
          件）。それより前の報告は番号で開いてください
        </Typography>
      )}
    </Box>
  )
}

function ReconciliationView(props: {
  report: MigrationReconciliation
  mayApprove: boolean
  busy: boolean
  onOpenDifference(id: number): void
  onSignOff(comment: string, explanations: { differenceId: number; text: string }[]): void
  onDecide(decision: 'go' | 'noGo', reasons: string): void
}) {
  const r = props.report
  const [comment, setComment] = useState('')
  const [explanations, setExplanations] = useState<Record<number, string>>({})
  const [choice, setChoice] = useState<'go' | 'noGo'>('go')
  const [reasons, setReasons] = useState('')
  const decisionRules = decisionState(r)
  const needed = r.differences.filter((d) => d.explanation === null)
  const explained = needed.every((d) => (explanations[d.id] ?? '').trim() !== '')
  const canSignOff = props.mayApprove && !r.signoff && comment.trim() !== '' && explained && !props.busy
  const canDecide =
    props.mayApprove &&
    decisionRules.mayDecide &&
    (choice === 'noGo' || decisionRules.mayGo) &&
    reasons.trim() !== '' &&
    !props.busy

  function signOff(event: FormEvent) {
    event.preventDefault()
    if (!canSignOff) return
    props.onSignOff(
      comment.trim(),
      needed.map((d) => ({ differenceId: d.id, text: (explanations[d.id] ?? '').trim() })),
    )
  }
  function decide(event: FormEvent) {
    event.preventDefault()
    if (canDecide) props.onDecide(choice, reasons.trim())
  }

  return (
    <Stack spacing={2} data-testid="migration-reconciliation-report">
      <Box>
        <Typography variant="subtitle1" sx={{ fontWeight: 700 }} data-testid="migration-reconciliation-title">
          突合結果報告 第{r.id}号（第{r.version}版）
        </Typography>
        <Typography variant="body2">
          仮移行環境 第{r.trialStoreId}号・抽出データ 第{r.extractId}号・作成 {r.createdBy}{' '}
          <WarekiDateTime at={r.createdAt} />
          {'\u3000'}SHA-256 <span style={{ fontFamily: 'monospace' }}>{r.sha256.slice(0, 16)}…</span>
        </Typography>
        <Typography variant="body2" data-testid="migration-reconciliation-summary">
          差異 {r.differences.length} 件（説明のない差異 {r.unexplained} 件）
          {r.signoff ? `・承認済（${r.signoff.supervisorName}）` : '・未承認'}
        </Typography>
      </Box>
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>項目</TableCell>
              <TableCell align="right">旧システム</TableCell>
              <TableCell align="right">抽出データ</TableCell>
              <TableCell align="right">仮移行</TableCell>
              <TableCell align="right">差</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {r.lines.map((l) => (
              <TableRow key={l.key} sx={l.difference !== 0 ? { bgcolor: 'warning.light' } : undefined}>
                <TableCell>{l.label}</TableCell>
                <TableCell align="right">{yen(l.expected)}</TableCell>
                <TableCell align="right">{yen(l.staged)}</TableCell>
                <TableCell align="right">{yen(l.loaded)}</TableCell>
                <TableCell align="right">{yen(l.difference)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
      {r.differences.length > 0 && (
        <Table size="small" data-testid="migration-differences">
          <TableHead>
            <TableRow>
              <TableCell>差異</TableCell>
              <TableCell align="right">旧システム</TableCell>
              <TableCell align="right">仮移行</TableCell>
              <TableCell align="right">記録</TableCell>
              <TableCell>説明</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {r.differences.map((d) => (
              <TableRow key={d.id} data-testid={`migration-difference-${d.id}`}>
                <TableCell>{d.item}</TableCell>
                <TableCell align="right">{d.legacyValue}</TableCell>
                <TableCell align="right">{d.loadedValue}</TableCell>
                <TableCell align="right">{d.records}</TableCell>
                <TableCell>
                  {d.explanation ??
                    (props.mayApprove && !r.signoff ? (
                      <TextField
                        size="small"
                        fullWidth
                        label="差異の説明（承認時に必須）"
                        value={explanations[d.id] ?? ''}
                        onChange={(e) => setExplanations({ ...explanations, [d.id]: e.target.value.slice(0, 500) })}
                        slotProps={{ htmlInput: { 'data-testid': 'migration-difference-explanation' } }}
                      />
                    ) : (
                      '未説明'
                    ))}
                </TableCell>
                <TableCell>
                  <Button
                    size="small"
                    onClick={() => props.onOpenDifference(d.id)}
                    disabled={d.records === 0}
                    data-testid="migration-difference-open"
                  >
                    内訳
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {r.signoff && (
        <Alert severity="success" data-testid="migration-signoff">
          承認: {r.signoff.supervisorName}（{r.signoff.supervisorLogin}） <WarekiDateTime at={r.signoff.signedAt} />{' '}
          所見: {r.signoff.comment}
        </Alert>
      )}
      {props.mayApprove && !r.signoff && (
        <form onSubmit={signOff}>
          <Stack direction="row" spacing={2} alignItems="center">
            <TextField
              size="small"
              label="承認の所見（必須）"
              value={comment}
              onChange={(e) => setComment(e.target.value.slice(0, 500))}
              sx={{ flex: 1 }}
              slotProps={{ htmlInput: { 'data-testid': 'migration-signoff-comment' } }}
            />
            <Button type="submit" variant="contained" disabled={!canSignOff} data-testid="migration-signoff-submit">
              突合結果を承認する（Enter）
            </Button>
          </Stack>
        </form>
      )}
      {props.mayApprove && (
        <form onSubmit={decide}>
          <Typography variant="subtitle1" sx={{ fontWeight: 700 }}>
            移行判定
          </Typography>
          {decisionRules.problem && (
            <Alert severity="warning" sx={{ mb: 1 }}>
              {decisionRules.problem}
            </Alert>
          )}
          <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
            <RadioGroup
              row
              value={choice}
              onChange={(e) => setChoice(e.target.value as 'go' | 'noGo')}
              aria-label="移行判定"
            >
              <FormControlLabel
                value="go"
                control={<Radio />}
                label="移行可"
                disabled={!decisionRules.mayGo}
                data-testid="migration-decision-go"
              />
              <FormControlLabel
                value="noGo"
                control={<Radio />}
                label="移行不可"
                data-testid="migration-decision-nogo"
              />
            </RadioGroup>
            <TextField
              size="small"
              label="判定の理由（必須）"
              value={reasons}
              onChange={(e) => setReasons(e.target.value.slice(0, 1000))}
              disabled={!decisionRules.mayDecide}
              sx={{ flex: 1, minWidth: 240 }}
              slotProps={{ htmlInput: { 'data-testid': 'migration-decision-reasons' } }}
            />
            <Button type="submit" variant="contained" disabled={!canDecide} data-testid="migration-decision-submit">
              移行判定を記録する（Enter）
            </Button>
          </Stack>
        </form>
      )}
    </Stack>
  )
}
