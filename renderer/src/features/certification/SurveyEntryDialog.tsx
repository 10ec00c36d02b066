import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import type { CaseWork, CertificationSurvey } from '../../../../shared/api/certification-cases'
import {
  COGNITIVE_ABILITY,
  COMMUNICATION_ABILITY,
  DEMENTIA_INDEPENDENCE_LEVELS,
  EATING,
  OPINION_CHANNELS,
  OPINION_TIMES,
  PHYSICAL_INDEPENDENCE_LEVELS,
  SHORT_TERM_MEMORY,
  STABILITY,
  SURVEY_ITEMS,
  type SurveyDraft,
} from '../../../../shared/certification'
import { lintSurvey, type SurveyAnswers } from '../../../../shared/domain/certification-survey-lint'
import { DatePartsField, datePartsToIso, emptyDateParts, type DateParts } from '../../components/DatePartsField'
import { useRequest } from '../../lib/request'
import { api } from '../../platform/bridge'
import { answerAfterKey, type Answer } from './survey-keys'

/** Draft saving waits this long after the last key (ms), so typing is never slowed by the server. */
const SAVE_AFTER_MS = 600

function AssignForm(props: { caseId: number; onAssigned(): void }) {
  const [surveyor, setSurveyor] = useState('')
  const [officeNumber, setOfficeNumber] = useState('')
  const [assignedOn, setAssignedOn] = useState<DateParts>(emptyDateParts())
  const assign = useRequest(api.certification.assignSurvey)
  async function submit() {
    const on = datePartsToIso(assignedOn)
    if (!on) return assign.setError('調査依頼日を入力してください')
    const res = await assign.run({
      caseId: props.caseId,
      mode: officeNumber ? 'contracted' : 'direct',
      officeNumber: officeNumber || null,
      surveyorName: surveyor,
      assignedOn: on,
      idempotencyKey: crypto.randomUUID(),
    })
    if (res?.ok) props.onAssigned()
  }
  return (
    <Stack spacing={1} data-testid="survey-assign">
      <Typography variant="subtitle2">認定調査の依頼（委託のときは事業所番号を入力）</Typography>
      <Stack direction="row" spacing={1}>
        <TextField
          size="small"
          label="調査員"
          value={surveyor}
          onChange={(e) => setSurveyor(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'survey-assign-surveyor' } }}
        />
        <TextField
          size="small"
          label="委託先の事業所番号"
          value={officeNumber}
          onChange={(e) => setOfficeNumber(e.target.value)}
        />
        <DatePartsField label="依頼日" value={assignedOn} onChange={setAssignedOn} testId="survey-assign-on" />
        <Button
          variant="contained"
          onClick={() => void submit()}
          disabled={assign.busy}
          data-testid="survey-assign-submit"
        >
          依頼する
        </Button>
      </Stack>
      {assign.error && <Alert severity="error">{assign.error}</Alert>}
    </Stack>
  )
}

/**
 * The 認定調査票 entry: one row per item; a number key picks the choice (a 複数可 item toggles it) and the focus moves
 * to the next item, Tab moves too. The draft is saved on the server shortly after each answer (the row version keeps
 * two terminals from overwriting each other), and the linter's warnings are shown beside the form — never blocking.
 */
function SurveyForm(props: { caseId: number; survey: CertificationSurvey; onSubmitted(): void }) {
  const initial = props.survey.draft as SurveyDraft
  const [answers, setAnswers] = useState<Record<string, Answer>>(
    (initial.items ?? {}) as unknown as Record<string, Answer>,
  )
  const [physical, setPhysical] = useState<string>(initial.physicalIndependence ?? '')
  const [dementia, setDementia] = useState<string>(initial.dementiaIndependence ?? '')
  const [notes, setNotes] = useState<{ itemCode: string; text: string }[]>(initial.specialNotes ?? [])
  const [performedOn, setPerformedOn] = useState<DateParts>(emptyDateParts())
  const [receivedOn, setReceivedOn] = useState<DateParts>(emptyDateParts())
  const [noteItem, setNoteItem] = useState('')
  const [noteText, setNoteText] = useState('')
  const rowVersion = useRef(props.survey.rowVersion)
  const [saved, setSaved] = useState<string | null>(props.survey.draftSavedAt)
  const [saveError, setSaveError] = useState<string | null>(null)
  const rows = useRef<(HTMLDivElement | null)[]>([])
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const submit = useRequest(api.certification.submitSurvey)

  const draft = useMemo<SurveyDraft>(
    () => ({
      items: answers as SurveyDraft['items'],
      ...(physical ? { physicalIndependence: physical as never } : {}),
      ...(dementia ? { dementiaIndependence: dementia as never } : {}),
      specialNotes: notes,
    }),
    [answers, physical, dementia, notes],
  )
  const warnings = useMemo(() => lintSurvey(answers as SurveyAnswers, notes), [answers, notes])

  const save = useCallback(
    async (next: SurveyDraft) => {
      const res = await api.certification.saveSurveyDraft({
        caseId: props.caseId,
        draft: next,
        rowVersion: rowVersion.current,
      })
      if (res.ok) {
        rowVersion.current = res.value.rowVersion
        setSaved(res.value.draftSavedAt)
        setSaveError(null)
      } else setSaveError(res.message)
    },
    [props.caseId],
  )
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(() => void save(draft), SAVE_AFTER_MS)
    return () => {
      if (timer.current) clearTimeout(timer.current)
    }
  }, [draft, save])

  function onKey(index: number, e: KeyboardEvent<HTMLDivElement>) {
    const item = SURVEY_ITEMS[index]!
    const next = answerAfterKey(item, answers[item.code], e.key.normalize('NFKC'))
    if (next === null) return
    e.preventDefault()
    setAnswers((a) => ({ ...a, [item.code]: next }))
    if (item.multiple !== true) rows.current[index + 1]?.focus()
  }

  async function finish() {
    const on = datePartsToIso(performedOn)
    const received = datePartsToIso(receivedOn)
    if (!on || !received) return submit.setError('調査実施日と調査票の受領日を入力してください')
    const res = await submit.run({
      caseId: props.caseId,
      survey: {
        performedOn: on,
        place: '自宅内',
        items: answers as never,
        specialMedicalCare: [],
        physicalIndependence: physical as never,
        dementiaIndependence: dementia as never,
        specialNotes: notes,
      },
      receivedOn: received,
      place: 'home',
      idempotencyKey: crypto.randomUUID(),
    })
    if (res?.ok) props.onSubmitted()
  }

  return (
    <Stack direction="row" spacing={2} sx={{ minHeight: 0 }}>
      <Box sx={{ flex: 2, maxHeight: '60vh', overflow: 'auto' }} data-testid="survey-items">
        {SURVEY_ITEMS.map((item, index) => {
          const a = answers[item.code]
          const chosen = Array.isArray(a) ? a : a === undefined ? [] : [a]
          return (
            <Box
              key={item.code}
              ref={(el: HTMLDivElement | null) => {
                rows.current[index] = el
              }}
              tabIndex={0}
              onKeyDown={(e) => onKey(index, e)}
              data-testid={`survey-item-${item.code}`}
              sx={{
                display: 'flex',
                gap: 1,
                px: 1,
                py: 0.25,
                '&:focus': { outline: '2px solid', bgcolor: 'action.hover' },
              }}
            >
              <Typography variant="body2" sx={{ width: 150, flexShrink: 0 }}>
                {item.code} {item.label}
              </Typography>
              <Stack direction="row" spacing={0.5} flexWrap="wrap">
                {item.choices.map((c) => (
                  <Chip
                    key={c.value}
                    size="small"
                    label={`${c.value} ${c.label}`}
                    color={chosen.includes(c.value) ? 'primary' : 'default'}
                    variant={chosen.includes(c.value) ? 'filled' : 'outlined'}
                    onClick={() => {
                      const next = answerAfterKey(item, a, String(c.value))
                      if (next !== null) setAnswers((x) => ({ ...x, [item.code]: next }))
                    }}
                  />
                ))}
              </Stack>
            </Box>
          )
        })}
        <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
          <TextField
            select
            size="small"
            label="障害高齢者の日常生活自立度"
            value={physical}
            onChange={(e) => setPhysical(e.target.value)}
            sx={{ minWidth: 220 }}
          >
            {PHYSICAL_INDEPENDENCE_LEVELS.map((l) => (
              <MenuItem key={l} value={l}>
                {l}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            size="small"
            label="認知症高齢者の日常生活自立度"
            value={dementia}
            onChange={(e) => setDementia(e.target.value)}
            sx={{ minWidth: 220 }}
          >
            {DEMENTIA_INDEPENDENCE_LEVELS.map((l) => (
              <MenuItem key={l} value={l}>
                {l}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
        <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
          <TextField
            size="small"
            label="特記事項の項目（例 4-1）"
            value={noteItem}
            onChange={(e) => setNoteItem(e.target.value)}
          />
          <TextField
            size="small"
            label="特記事項"
            value={noteText}
            onChange={(e) => setNoteText(e.target.value)}
            sx={{ flex: 1 }}
          />
          <Button
            onClick={() => {
              if (!noteItem || !noteText) return
              setNotes((n) => [...n, { itemCode: noteItem, text: noteText }])
              setNoteItem('')
              setNoteText('')
            }}
          >
            追加
          </Button>
        </Stack>
        {notes.map((n, i) => (
          <Typography key={i} variant="body2">
            （{n.itemCode}）{n.text}
          </Typography>
        ))}
        <Stack direction="row" spacing={1} sx={{ mt: 1 }} alignItems="center">
          <DatePartsField
            label="調査実施日"
            value={performedOn}
            onChange={setPerformedOn}
            testId="survey-performed-on"
          />
          <DatePartsField
            label="調査票受領日"
            value={receivedOn}
            onChange={setReceivedOn}
            testId="survey-received-on"
          />
          <Button variant="contained" onClick={() => void finish()} disabled={submit.busy} data-testid="survey-submit">
            調査票を確定
          </Button>
        </Stack>
        {submit.error && (
          <Alert severity="error" sx={{ mt: 1 }} data-testid="survey-submit-error">
            {submit.error}
          </Alert>
        )}
      </Box>
      <Box sx={{ flex: 1, maxHeight: '60vh', overflow: 'auto' }} data-testid="survey-warnings">
        <Typography variant="subtitle2">整合性チェック（入力は止めません）</Typography>
        <Typography variant="caption" color="text.secondary" data-testid="survey-saved">
          {saveError ? `下書きを保存できません: ${saveError}` : saved ? '下書き保存済み' : '未保存'}
        </Typography>
        {warnings.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            警告はありません
          </Typography>
        )}
        {warnings.map((w, i) => (
          <Alert key={`${w.code}-${i}`} severity="warning" sx={{ mt: 0.5 }} data-testid="survey-warning">
            {w.code}: {w.message}
          </Alert>
        ))}
      </Box>
    </Stack>
  )
}

/** The 主治医意見書 request of a case (the receipt with its items is entered on the same dialog once requested). */
function OpinionRequestForm(props: { caseId: number; onDone(): void }) {
  const [clinic, setClinic] = useState('')
  const [doctor, setDoctor] = useState('')
  const [on, setOn] = useState<DateParts>(emptyDateParts())
  const request = useRequest(api.certification.requestOpinion)
  async function submit() {
    const requestedOn = datePartsToIso(on)
    if (!requestedOn) return request.setError('意見書依頼日を入力してください')
    const res = await request.run({
      caseId: props.caseId,
      clinicName: clinic,
      doctorName: doctor,
      requestedOn,
      idempotencyKey: crypto.randomUUID(),
    })
    if (res?.ok) props.onDone()
  }
  return (
    <Stack spacing={1} data-testid="opinion-request">
      <Typography variant="subtitle2">主治医意見書の依頼</Typography>
      <Stack direction="row" spacing={1}>
        <TextField size="small" label="医療機関" value={clinic} onChange={(e) => setClinic(e.target.value)} />
        <TextField size="small" label="医師" value={doctor} onChange={(e) => setDoctor(e.target.value)} />
        <DatePartsField label="依頼日" value={on} onChange={setOn} testId="opinion-requested-on" />
        <Button variant="contained" onClick={() => void submit()} disabled={request.busy}>
          依頼する
        </Button>
      </Stack>
      {request.error && <Alert severity="error">{request.error}</Alert>}
    </Stack>
  )
}

const OPINION_SELECTS = {
  shortTermMemory: ['短期記憶', SHORT_TERM_MEMORY],
  cognitiveAbility: ['認知能力', COGNITIVE_ABILITY],
  communication: ['伝達能力', COMMUNICATION_ABILITY],
  eating: ['食事行為', EATING],
} as const

/**
 * The receipt of the 主治医意見書 (docs/sources/certification.md §1.4, §3): the channel (paper, OCR, 介護情報基盤), the
 * dates, 在宅・施設 and 初回・2回目以上 (they decide the 作成料), the diagnosis and the items the first decision needs.
 */
function OpinionReceiveForm(props: { caseId: number; onDone(): void }) {
  const [channel, setChannel] = useState<(typeof OPINION_CHANNELS)[number]>('paper')
  const [receivedOn, setReceivedOn] = useState<DateParts>(emptyDateParts())
  const [writtenOn, setWrittenOn] = useState<DateParts>(emptyDateParts())
  const [times, setTimes] = useState<(typeof OPINION_TIMES)[number]>('初回')
  const [place, setPlace] = useState<'在宅' | '施設'>('在宅')
  const [diagnosis, setDiagnosis] = useState('')
  const [stability, setStability] = useState<(typeof STABILITY)[number]>('安定')
  const [physical, setPhysical] = useState<string>('自立')
  const [dementia, setDementia] = useState<string>('自立')
  const [items, setItems] = useState<Record<keyof typeof OPINION_SELECTS, string>>({
    shortTermMemory: SHORT_TERM_MEMORY[0],
    cognitiveAbility: COGNITIVE_ABILITY[0],
    communication: COMMUNICATION_ABILITY[0],
    eating: EATING[0],
  })
  const receive = useRequest(api.certification.receiveOpinion)
  async function submit() {
    const received = datePartsToIso(receivedOn)
    const written = datePartsToIso(writtenOn)
    if (!received || !written) return receive.setError('受領日と記入日を入力してください')
    const res = await receive.run({
      caseId: props.caseId,
      opinion: {
        channel,
        receivedOn: received,
        writtenOn: written,
        times,
        homeOrFacility: place,
        diagnoses: [{ name: diagnosis }],
        stability,
        specialMedicalCare: [],
        physicalIndependence: physical as never,
        firstDecisionItems: { ...(items as Record<string, string>), dementiaIndependence: dementia } as never,
      },
      idempotencyKey: crypto.randomUUID(),
    })
    if (res?.ok) props.onDone()
  }
  const select = (
    label: string,
    value: string,
    options: readonly string[],
    set: (v: string) => void,
    testId?: string,
  ) => (
    <TextField
      select
      size="small"
      label={label}
      value={value}
      onChange={(e) => set(e.target.value)}
      sx={{ minWidth: 140 }}
      slotProps={testId ? { htmlInput: { 'data-testid': testId } } : {}}
    >
      {options.map((o) => (
        <MenuItem key={o} value={o}>
          {o}
        </MenuItem>
      ))}
    </TextField>
  )
  return (
    <Stack spacing={1} data-testid="opinion-receive">
      <Typography variant="subtitle2">主治医意見書の受領</Typography>
      <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
        {select('受領方法', channel, OPINION_CHANNELS, (v) => setChannel(v as never))}
        <DatePartsField label="受領日" value={receivedOn} onChange={setReceivedOn} testId="opinion-received-on" />
        <DatePartsField label="記入日" value={writtenOn} onChange={setWrittenOn} testId="opinion-written-on" />
        {select('作成回数', times, OPINION_TIMES, (v) => setTimes(v as never))}
        {select('在宅・施設', place, ['在宅', '施設'], (v) => setPlace(v as never))}
      </Stack>
      <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
        <TextField
          size="small"
          label="診断名"
          value={diagnosis}
          onChange={(e) => setDiagnosis(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'opinion-diagnosis' } }}
        />
        {select('症状の安定性', stability, STABILITY, (v) => setStability(v as never))}
        {select('障害高齢者の自立度', physical, PHYSICAL_INDEPENDENCE_LEVELS, setPhysical)}
        {select('認知症高齢者の自立度', dementia, DEMENTIA_INDEPENDENCE_LEVELS, setDementia)}
        {(Object.keys(OPINION_SELECTS) as (keyof typeof OPINION_SELECTS)[]).map((k) => (
          <span key={k}>
            {select(OPINION_SELECTS[k][0], items[k], OPINION_SELECTS[k][1], (v) => setItems((x) => ({ ...x, [k]: v })))}
          </span>
        ))}
      </Stack>
      {receive.error && <Alert severity="error">{receive.error}</Alert>}
      <Stack direction="row">
        <Button
          variant="contained"
          onClick={() => void submit()}
          disabled={receive.busy}
          data-testid="opinion-receive-submit"
        >
          受領を記録
        </Button>
      </Stack>
    </Stack>
  )
}

/** 調査・意見書 of one case: assign the survey, enter the 調査票, request the opinion. */
export function SurveyEntryDialog(props: { caseId: number; open: boolean; onClose(): void }) {
  const work = useRequest(api.certification.caseWork, 'latest')
  const { run } = work
  const reload = useCallback(() => void run({ caseId: props.caseId }), [run, props.caseId])
  useEffect(reload, [reload])
  const data: CaseWork | null = work.data
  return (
    <Dialog open={props.open} onClose={props.onClose} maxWidth="xl" fullWidth data-testid="survey-dialog">
      <DialogTitle>
        認定調査・主治医意見書 {data ? `— ${data.case.personName}（申請 #${data.case.id}）` : ''}
      </DialogTitle>
      <DialogContent>
        {work.error && <Alert severity="error">{work.error}</Alert>}
        {data && !data.survey && <AssignForm caseId={props.caseId} onAssigned={reload} />}
        {data?.survey && data.survey.submitted === null && (
          <SurveyForm caseId={props.caseId} survey={data.survey} onSubmitted={reload} />
        )}
        {data?.survey?.submitted && (
          <Alert severity="success" data-testid="survey-done">
            調査票を受領しました（{data.survey.submittedOn}、警告 {data.survey.warnings.length}件）
          </Alert>
        )}
        {data && !data.opinion && (
          <Box sx={{ mt: 2 }}>
            <OpinionRequestForm caseId={props.caseId} onDone={reload} />
          </Box>
        )}
        {data?.opinion && (
          <Typography variant="body2" sx={{ mt: 2 }} data-testid="opinion-status">
            主治医意見書: {data.opinion.clinicName} {data.opinion.doctorName}（依頼 {data.opinion.requestedOn}・期限{' '}
            {data.opinion.dueOn}）
            {data.opinion.receivedOn
              ? `受領 ${data.opinion.receivedOn}（${data.opinion.channel}・作成料 ${data.opinion.fee ?? 0}円）`
              : '未受領'}
          </Typography>
        )}
        {data?.opinion && data.opinion.receivedOn === null && (
          <Box sx={{ mt: 1 }}>
            <OpinionReceiveForm caseId={props.caseId} onDone={reload} />
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>閉じる（Esc）</Button>
      </DialogActions>
    </Dialog>
  )
}
