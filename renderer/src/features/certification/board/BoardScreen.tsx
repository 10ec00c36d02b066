import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Checkbox from '@mui/material/Checkbox'
import FormControlLabel from '@mui/material/FormControlLabel'
import MenuItem from '@mui/material/MenuItem'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Tab from '@mui/material/Tab'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Tabs from '@mui/material/Tabs'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useEffect, useState } from 'react'
import { boardResultCodes, levelLabels } from '../../../../../shared/api/certification-decisions'
import { DatePartsField, datePartsToIso, emptyDateParts } from '../../../components/DatePartsField'
import { FileIntakeChoice, FileIntakeReport, type FileIntakeEncoding } from '../../../components/FileIntake'
import { FunctionKeyBar } from '../../../components/FunctionKeyBar'
import { PrinterSelect } from '../../../components/PrinterSelect'
import { WarekiDate } from '../../../components/WarekiDate'
import { useMay } from '../../../stores/session-store'
import { api } from '../../../platform/bridge'
import { useBoardStore, type MeetingDetail } from './board-store'
import { DecisionNoticePanel } from '../results/DecisionNoticePanel'

const key = () => crypto.randomUUID()

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** 一次判定結果ファイルの取込 (docs/interfaces/first-decision.md): all or nothing, a re-import applies nothing. */
function FirstDecisionIntake() {
  const write = useBoardStore((s) => s.write)
  const busy = useBoardStore((s) => s.busy)
  const [file, setFile] = useState<File | null>(null)
  const [encoding, setEncoding] = useState<FileIntakeEncoding>('auto')
  const [dryRun, setDryRun] = useState(false)
  const [result, setResult] = useState<Awaited<ReturnType<typeof api.certification.importFirstDecisions>> | null>(null)
  const submit = async () => {
    if (!file) return
    const contentBase64 = await base64Of(file)
    const res = await api.certification.importFirstDecisions({
      fileName: file.name,
      contentBase64,
      encoding,
      dryRun,
      idempotencyKey: key(),
    })
    setResult(res)
    void write(async () => ({ ok: true as const, value: null }))
  }
  return (
    <Paper sx={{ p: 2 }} data-testid="first-decision-intake">
      <Typography variant="h6">一次判定結果の取込</Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>
        国の一次判定ソフトが出力した結果ファイルを取り込みます（このシステムでは一次判定を計算しません）。
      </Typography>
      <FileIntakeChoice
        testId="first-decision"
        file={file}
        onFile={setFile}
        encoding={encoding}
        onEncoding={setEncoding}
        dryRun={dryRun}
        onDryRun={setDryRun}
      />
      <Button
        variant="contained"
        sx={{ mt: 1 }}
        disabled={!file || busy}
        onClick={() => void submit()}
        data-testid="first-decision-submit"
      >
        取り込む
      </Button>
      {result && !result.ok && <Alert severity="error">{result.message}</Alert>}
      {result?.ok && (
        <FileIntakeReport
          testId="first-decision"
          result={result.value}
          summary={`（${result.value.records}件中 反映 ${result.value.applied}件・取込済み ${result.value.alreadyApplied}件）`}
        />
      )}
    </Paper>
  )
}

/** 合議体 and members: a panel of 5 with one chair as standard (施行令第9条); members' affiliations for 除斥. */
function PanelsTab() {
  const { panels, write, busy } = useBoardStore()
  const [panelName, setPanelName] = useState('')
  const [member, setMember] = useState({ panelId: 0, memberName: '', profession: '', affiliation: '', chair: false })
  const [termFrom, setTermFrom] = useState(emptyDateParts())
  const addMember = () => {
    const from = datePartsToIso(termFrom)
    if (!from || member.panelId === 0) return
    void write(
      () =>
        api.certification.addBoardMember({
          panelId: member.panelId,
          memberName: member.memberName,
          profession: member.profession,
          chair: member.chair,
          psychiatrist: member.profession.includes('精神科'),
          termFrom: from,
          affiliationProviderNos: member.affiliation.trim() ? member.affiliation.trim().split(/[,\s、]+/) : [],
          idempotencyKey: key(),
        }),
      (m) => `委員 ${m.memberName} を登録しました（任期 ${m.termFrom}〜${m.termTo}）`,
    ).then((ok) => ok && setMember((s) => ({ ...s, memberName: '', affiliation: '', chair: false })))
  }
  return (
    <Stack spacing={2}>
      <Paper sx={{ p: 2 }}>
        <Stack direction="row" spacing={1} alignItems="center">
          <TextField
            size="small"
            label="合議体の名称"
            value={panelName}
            onChange={(e) => setPanelName(e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'panel-name' } }}
          />
          <Button
            variant="outlined"
            disabled={busy || panelName.trim() === ''}
            onClick={() =>
              void write(
                () => api.certification.createPanel({ panelName, reducedAllowed: false, idempotencyKey: key() }),
                (p) => `${p.panelName}を登録しました`,
              ).then((ok) => ok && setPanelName(''))
            }
            data-testid="panel-create"
          >
            合議体を登録
          </Button>
        </Stack>
      </Paper>
      <Paper sx={{ p: 2 }}>
        <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
          <TextField
            select
            size="small"
            label="合議体"
            value={member.panelId || ''}
            onChange={(e) => setMember((s) => ({ ...s, panelId: Number(e.target.value) }))}
            sx={{ width: 160 }}
            slotProps={{ htmlInput: { 'data-testid': 'member-panel' } }}
          >
            {panels.map((p) => (
              <MenuItem key={p.id} value={p.id}>
                {p.panelName}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            size="small"
            label="氏名"
            value={member.memberName}
            onChange={(e) => setMember((s) => ({ ...s, memberName: e.target.value }))}
            slotProps={{ htmlInput: { 'data-testid': 'member-name' } }}
          />
          <TextField
            size="small"
            label="職種"
            value={member.profession}
            onChange={(e) => setMember((s) => ({ ...s, profession: e.target.value }))}
            slotProps={{ htmlInput: { 'data-testid': 'member-profession' } }}
          />
          <TextField
            size="small"
            label="所属事業所番号（除斥）"
            value={member.affiliation}
            onChange={(e) => setMember((s) => ({ ...s, affiliation: e.target.value }))}
            slotProps={{ htmlInput: { 'data-testid': 'member-affiliation' } }}
          />
          <DatePartsField label="任期の始まり" value={termFrom} onChange={setTermFrom} testId="member-term-from" />
          <FormControlLabel
            control={
              <Checkbox
                checked={member.chair}
                onChange={(e) => setMember((s) => ({ ...s, chair: e.target.checked }))}
              />
            }
            label="合議体の長"
          />
          <Button variant="outlined" disabled={busy} onClick={addMember} data-testid="member-add">
            委員を登録
          </Button>
        </Stack>
      </Paper>
      {panels.map((p) => (
        <Paper key={p.id} sx={{ p: 2 }} data-testid="panel">
          <Typography variant="subtitle1" sx={{ fontWeight: 700 }}>
            {p.panelName}（{p.members.length}人）
          </Typography>
          {p.problems.map((x) => (
            <Alert key={x} severity="warning">
              {x}
            </Alert>
          ))}
          <Table size="small">
            <TableBody>
              {p.members.map((m) => (
                <TableRow key={m.id}>
                  <TableCell>{m.memberName}</TableCell>
                  <TableCell>{m.profession}</TableCell>
                  <TableCell>{m.chair ? '合議体の長' : '委員'}</TableCell>
                  <TableCell>
                    <WarekiDate date={m.termFrom} />〜<WarekiDate date={m.termTo} />
                  </TableCell>
                  <TableCell>{m.affiliationProviderNos.join('、')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      ))}
    </Stack>
  )
}

/** Decision entry for one case of the open meeting: the vote against the attendance, the validity months. */
function DecisionForm(props: { detail: MeetingDetail; caseId: number }) {
  const { write, setDetail } = useBoardStore()
  const c = props.detail.cases.find((x) => x.caseId === props.caseId)!
  const present = props.detail.presentMemberIds.filter((id) => !c.excludedMemberIds.includes(id)).length
  const [result, setResult] = useState<string>(c.firstDecision ?? '21')
  const [months, setMonths] = useState('12')
  const [votesFor, setVotesFor] = useState(String(present))
  const [changeReason, setChangeReason] = useState('')
  const [boardOpinion, setBoardOpinion] = useState('')
  const [serviceTypes, setServiceTypes] = useState('')
  const [chairCasts, setChairCasts] = useState(false)
  const certifying = !['01', '31', 'continued'].includes(result)
  const submit = async () => {
    const f = Number(votesFor)
    const done = await write(
      () =>
        api.certification.recordDecision({
          caseId: c.caseId,
          result: result as (typeof boardResultCodes)[number],
          ...(certifying ? { validityMonths: Number(months) } : {}),
          sameLevel: false,
          ...(changeReason.trim() ? { changeReason } : {}),
          boardOpinion,
          serviceTypes: serviceTypes.trim() ? serviceTypes.trim().split(/[,、\s]+/) : [],
          votesFor: f,
          votesAgainst: present - f,
          ...(f * 2 === present ? { chairCasts } : {}),
          idempotencyKey: key(),
        }),
      (d) => `${c.managementNo}: ${levelLabels[d.result]} ${d.validFrom ?? ''}〜${d.validTo ?? ''} を記録しました`,
    )
    if (done) {
      const res = await api.certification.meeting({ meetingId: props.detail.meeting.id })
      if (res.ok) setDetail(res.value)
    }
  }
  return (
    <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap data-testid="decision-form">
      <TextField
        select
        size="small"
        label="二次判定"
        value={result}
        onChange={(e) => setResult(e.target.value)}
        sx={{ width: 130 }}
        slotProps={{ htmlInput: { 'data-testid': 'decision-result' } }}
      >
        {boardResultCodes.map((code) => (
          <MenuItem key={code} value={code}>
            {levelLabels[code]}
          </MenuItem>
        ))}
      </TextField>
      {certifying && (
        <TextField
          size="small"
          label="有効期間（月）"
          value={months}
          onChange={(e) => setMonths(e.target.value)}
          sx={{ width: 110 }}
          slotProps={{ htmlInput: { 'data-testid': 'decision-months', inputMode: 'numeric' } }}
        />
      )}
      <TextField
        size="small"
        label={`賛成（出席${present}人）`}
        value={votesFor}
        onChange={(e) => setVotesFor(e.target.value)}
        sx={{ width: 120 }}
        slotProps={{ htmlInput: { 'data-testid': 'decision-votes-for', inputMode: 'numeric' } }}
      />
      {Number(votesFor) * 2 === present && (
        <FormControlLabel
          control={<Checkbox checked={chairCasts} onChange={(e) => setChairCasts(e.target.checked)} />}
          label="可否同数: 合議体の長は可とする"
        />
      )}
      {result !== c.firstDecision && (
        <TextField
          size="small"
          label="一次判定からの変更理由"
          value={changeReason}
          onChange={(e) => setChangeReason(e.target.value)}
          sx={{ width: 260 }}
          slotProps={{ htmlInput: { 'data-testid': 'decision-change-reason' } }}
        />
      )}
      <TextField
        size="small"
        label="審査会の意見"
        value={boardOpinion}
        onChange={(e) => setBoardOpinion(e.target.value)}
        sx={{ width: 220 }}
        slotProps={{ htmlInput: { 'data-testid': 'decision-opinion' } }}
      />
      <TextField
        size="small"
        label="サービスの種類の指定"
        value={serviceTypes}
        onChange={(e) => setServiceTypes(e.target.value)}
        sx={{ width: 180 }}
      />
      <Button variant="contained" onClick={() => void submit()} data-testid="decision-submit">
        判定を記録
      </Button>
    </Stack>
  )
}

/** A meeting: attendance and quorum, the cases by management number (no names), decision entry, prints. */
function MeetingPanel(props: { detail: MeetingDetail }) {
  const { write, setDetail, printers, printer, choosePrinter, loadPrinters } = useBoardStore()
  const d = props.detail
  const [present, setPresent] = useState<number[]>(d.presentMemberIds)
  const [selected, setSelected] = useState<number | null>(null)
  useEffect(() => {
    if (printers === null) void loadPrinters()
  }, [printers, loadPrinters])
  const saveAttendance = async () => {
    const res = await write(
      () =>
        api.certification.recordAttendance({
          meetingId: d.meeting.id,
          presentMemberIds: present,
          idempotencyKey: key(),
        }),
      (x) => `出席 ${x.presentMemberIds.length}人（定足数 ${x.quorum}人: ${x.quorumMet ? '成立' : '不成立'}）`,
    )
    if (res) setDetail(res)
  }
  const print = (what: 'printBoardPacket' | 'printMinutes') =>
    void write(
      () => api.certification[what]({ meetingId: d.meeting.id, printer }),
      (r) => `${r.title}を${r.printer}に送りました`,
    )
  return (
    <Paper sx={{ p: 2 }} data-testid="meeting-detail">
      <Typography variant="h6">
        第{d.meeting.meetingNo}回 {d.meeting.panelName} <WarekiDate date={d.meeting.heldOn} /> {d.meeting.venue}
      </Typography>
      <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
        {d.members.map((m) => (
          <FormControlLabel
            key={m.id}
            control={
              <Checkbox
                checked={present.includes(m.id)}
                onChange={(e) => setPresent((p) => (e.target.checked ? [...p, m.id] : p.filter((x) => x !== m.id)))}
                slotProps={{ input: { 'aria-label': m.memberName } }}
              />
            }
            label={`${m.memberName}${m.chair ? '（長）' : ''}`}
          />
        ))}
        <Button variant="outlined" onClick={() => void saveAttendance()} data-testid="attendance-save">
          出欠を記録
        </Button>
        <Typography data-testid="quorum">
          定足数 {d.quorum}人: {d.quorumMet ? '成立' : '不成立'}
        </Typography>
      </Stack>
      <Stack direction="row" spacing={1} alignItems="center" sx={{ my: 1 }}>
        <PrinterSelect printers={printers} value={printer} onChange={choosePrinter} testId="board-printer" />
        <Button variant="outlined" onClick={() => print('printBoardPacket')} data-testid="print-packet">
          審査会資料を印刷（F7）
        </Button>
        <Button variant="outlined" onClick={() => print('printMinutes')} data-testid="print-minutes">
          議事録を印刷
        </Button>
      </Stack>
      <Table size="small" data-testid="meeting-cases">
        <TableHead>
          <TableRow>
            <TableCell>管理番号</TableCell>
            <TableCell>年齢・性別</TableCell>
            <TableCell>区分</TableCell>
            <TableCell>一次判定</TableCell>
            <TableCell>基準時間</TableCell>
            <TableCell>二次判定</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {d.cases.map((c) => (
            <TableRow
              key={c.caseId}
              hover
              selected={selected === c.caseId}
              onClick={() => setSelected(c.caseId)}
              data-testid="meeting-case"
            >
              <TableCell>
                {c.managementNo}
                {c.urgent ? '（優先）' : ''}
              </TableCell>
              <TableCell>
                {c.age}歳・{c.sex === 'male' ? '男' : '女'}
              </TableCell>
              <TableCell>{c.kind}</TableCell>
              <TableCell>{c.firstDecision ? levelLabels[c.firstDecision] : ''}</TableCell>
              <TableCell>{c.standardMinutes10 === null ? '' : `${(c.standardMinutes10 / 10).toFixed(1)}分`}</TableCell>
              <TableCell>
                {c.decision
                  ? `${levelLabels[c.decision.result]} ${c.decision.validFrom ?? ''}〜${c.decision.validTo ?? ''}`
                  : '未判定'}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {selected !== null && !d.cases.find((c) => c.caseId === selected)?.decision && (
        <DecisionForm key={selected} detail={d} caseId={selected} />
      )}
      {d.fees.length > 0 && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          審査員報酬: {d.fees.reduce((s, f) => s + f.amount, 0).toLocaleString('ja-JP')}円（出席 {d.fees.length}人）
        </Typography>
      )}
    </Paper>
  )
}

/** Meetings: the list, a new meeting, the automatic assignment (urgent first, 除斥), the meeting open. */
function MeetingsTab() {
  const { panels, meetings, detail, lastAssign, write, openMeeting, setAssign, busy } = useBoardStore()
  const [panelId, setPanelId] = useState(0)
  const [heldOn, setHeldOn] = useState(emptyDateParts())
  const [venue, setVenue] = useState('本庁舎')
  const create = () => {
    const on = datePartsToIso(heldOn)
    if (!on || panelId === 0) return
    void write(
      () => api.certification.createMeeting({ panelId, heldOn: on, venue, idempotencyKey: key() }),
      (m) => `第${m.meetingNo}回（${m.heldOn}）を登録しました`,
    )
  }
  const assign = async () => {
    const res = await write(
      () => api.certification.autoAssign({ idempotencyKey: key() }),
      (r) => `自動割付: ${r.assignments.length}件（未割付 ${r.unassigned.length}件）`,
    )
    if (res) setAssign(res)
  }
  return (
    <Stack spacing={2}>
      <Paper sx={{ p: 2 }}>
        <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
          <TextField
            select
            size="small"
            label="合議体"
            value={panelId || ''}
            onChange={(e) => setPanelId(Number(e.target.value))}
            sx={{ width: 160 }}
            slotProps={{ htmlInput: { 'data-testid': 'meeting-panel' } }}
          >
            {panels.map((p) => (
              <MenuItem key={p.id} value={p.id}>
                {p.panelName}
              </MenuItem>
            ))}
          </TextField>
          <DatePartsField label="開催日" value={heldOn} onChange={setHeldOn} testId="meeting-held-on" />
          <TextField size="small" label="会場" value={venue} onChange={(e) => setVenue(e.target.value)} />
          <Button variant="outlined" disabled={busy} onClick={create} data-testid="meeting-create">
            開催を登録
          </Button>
          <Button variant="contained" disabled={busy} onClick={() => void assign()} data-testid="auto-assign">
            自動割付（F5）
          </Button>
        </Stack>
        {lastAssign && lastAssign.unassigned.length > 0 && (
          <Alert severity="warning" sx={{ mt: 1 }} data-testid="unassigned">
            {lastAssign.unassigned.map((u) => `申請 #${u.caseId}: ${u.reason}`).join(' ／ ')}
          </Alert>
        )}
      </Paper>
      <Paper>
        <Table size="small" data-testid="meetings">
          <TableHead>
            <TableRow>
              <TableCell>回</TableCell>
              <TableCell>合議体</TableCell>
              <TableCell>開催日</TableCell>
              <TableCell>割付</TableCell>
              <TableCell>判定済</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {meetings.map((m) => (
              <TableRow
                key={m.id}
                hover
                selected={detail?.meeting.id === m.id}
                onClick={() => void openMeeting(m.id)}
                data-testid="meeting-row"
              >
                <TableCell>第{m.meetingNo}回</TableCell>
                <TableCell>{m.panelName}</TableCell>
                <TableCell>
                  <WarekiDate date={m.heldOn} />
                </TableCell>
                <TableCell>
                  {m.assigned} / {m.capacity}
                </TableCell>
                <TableCell>{m.decided}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
      {detail && <MeetingPanel key={`${detail.meeting.id}:${detail.presentMemberIds.join(',')}`} detail={detail} />}
    </Stack>
  )
}

/**
 * The 審査会事務局 screen (docs/sources/certification.md §1.6): meetings with the automatic assignment and the decision
 * entry, panels and members, the 一次判定 import, and the notices. Keyboard: F5 自動割付, F7 資料, Esc 閉じる.
 */
export function BoardScreen(props: { onClose(): void }) {
  const { refresh, error, message, detail } = useBoardStore()
  const mayDecide = useMay('certification.decide')
  const [tab, setTab] = useState(0)
  useEffect(() => void refresh(), [refresh])
  return (
    <Stack sx={{ flex: 1, minHeight: 0 }}>
      <Stack spacing={2} sx={{ p: 2, flex: 1, overflow: 'auto' }} data-testid="board-screen">
        <Typography variant="h5" component="h2" sx={{ fontWeight: 700 }}>
          介護認定審査会
        </Typography>
        {error && (
          <Alert severity="error" role="alert" data-testid="board-error">
            {error}
          </Alert>
        )}
        {message && (
          <Alert severity="success" data-testid="board-message">
            {message}
          </Alert>
        )}
        <Tabs value={tab} onChange={(_, v: number) => setTab(v)}>
          <Tab label="開催・割付・判定" data-testid="tab-meetings" />
          <Tab label="合議体・委員" data-testid="tab-panels" />
          <Tab label="一次判定の取込" data-testid="tab-first-decision" />
          {mayDecide && <Tab label="通知" data-testid="tab-notices" />}
        </Tabs>
        {tab === 0 && <MeetingsTab />}
        {tab === 1 && <PanelsTab />}
        {tab === 2 && <FirstDecisionIntake />}
        {tab === 3 && mayDecide && <DecisionNoticePanel />}
      </Stack>
      <FunctionKeyBar
        keys={[
          {
            key: 'F5',
            label: '自動割付',
            action: () => document.querySelector<HTMLButtonElement>('[data-testid="auto-assign"]')?.click(),
          },
          {
            key: 'F7',
            label: '審査会資料',
            action: () => document.querySelector<HTMLButtonElement>('[data-testid="print-packet"]')?.click(),
            disabled: detail === null,
          },
          { key: 'Escape', label: '閉じる', action: props.onClose },
        ]}
      />
    </Stack>
  )
}
