import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Checkbox from '@mui/material/Checkbox'
import Chip from '@mui/material/Chip'
import Divider from '@mui/material/Divider'
import FormControlLabel from '@mui/material/FormControlLabel'
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
import { useEffect, useState } from 'react'
import {
  caseEventLabels,
  caseKindLabels,
  caseKinds,
  programEndReasonLabels,
  urgentFlagLabels,
  urgentFlags,
  type UrgentFlag,
} from '../../../../shared/api/certification-cases'
import type { CaseKind } from '../../../../shared/domain/certification-clock'
import { levelLabels, type CertificationRecord } from '../../../../shared/api/certification-decisions'
import { todayInJapan } from '../../../../shared/domain'
import { DatePartsField, datePartsToIso, emptyDateParts, type DateParts } from '../../components/DatePartsField'
import { WarekiDate } from '../../components/WarekiDate'
import { useNavigationStore } from '../../app/navigation-store'
import { useRequest } from '../../lib/request'
import { api } from '../../platform/bridge'
import { useMay } from '../../stores/session-store'
import { useCertificationPersonStore } from './certification-store'
import { ChecklistForm } from './ChecklistForm'
import { clockStatusColor, clockStatusLabels } from './labels'

/** The 申請 form of the panel: kind, date, urgent flags, and what the kind needs (current validity, 第2号 details). */
function ApplyForm(props: { personId: number; onFiled(): void }) {
  const [kind, setKind] = useState<CaseKind>('new')
  const [appliedOn, setAppliedOn] = useState<DateParts>(emptyDateParts())
  const [previousValidTo, setPreviousValidTo] = useState<DateParts>(emptyDateParts())
  const [flags, setFlags] = useState<UrgentFlag[]>([])
  const [category2, setCategory2] = useState(false)
  const [disease, setDisease] = useState('')
  const [insurer, setInsurer] = useState('')
  const [insuranceNumber, setInsuranceNumber] = useState('')
  const apply = useRequest(api.certification.apply)
  const needsValidity = kind === 'renewal' || kind === 'levelChange'
  async function submit() {
    const on = datePartsToIso(appliedOn)
    if (!on) return apply.setError('申請日を入力してください')
    const validTo = needsValidity ? datePartsToIso(previousValidTo) : null
    if (needsValidity && !validTo) return apply.setError('現在の有効期間の満了日を入力してください')
    const res = await apply.run({
      personId: props.personId,
      kind,
      appliedOn: on,
      urgentFlags: flags,
      previousValidTo: validTo,
      category2: category2
        ? {
            specifiedDisease: disease,
            medicalInsurer: insurer,
            medicalInsuranceSymbol: '',
            medicalInsuranceNumber: insuranceNumber,
          }
        : null,
      idempotencyKey: crypto.randomUUID(),
    })
    if (res?.ok) props.onFiled()
  }
  return (
    <Stack spacing={1} data-testid="certification-apply-form">
      <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap">
        <TextField
          select
          size="small"
          label="申請の種類"
          value={kind}
          onChange={(e) => setKind(e.target.value as CaseKind)}
          sx={{ minWidth: 180 }}
          slotProps={{ htmlInput: { 'data-testid': 'certification-apply-kind' } }}
        >
          {caseKinds
            .filter((k) => k !== 'transferIn' && k !== 'exOfficio')
            .map((k) => (
              <MenuItem key={k} value={k}>
                {caseKindLabels[k]}
              </MenuItem>
            ))}
        </TextField>
        <DatePartsField label="申請日" value={appliedOn} onChange={setAppliedOn} testId="certification-applied-on" />
        {needsValidity && (
          <DatePartsField
            label="現在の有効期間の満了日"
            value={previousValidTo}
            onChange={setPreviousValidTo}
            testId="certification-previous-valid-to"
          />
        )}
      </Stack>
      <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap">
        {urgentFlags.map((f) => (
          <FormControlLabel
            key={f}
            label={urgentFlagLabels[f]}
            control={
              <Checkbox
                size="small"
                checked={flags.includes(f)}
                onChange={(e) => setFlags(e.target.checked ? [...flags, f] : flags.filter((x) => x !== f))}
              />
            }
          />
        ))}
        <FormControlLabel
          label="第2号（特定疾病）"
          control={<Checkbox size="small" checked={category2} onChange={(e) => setCategory2(e.target.checked)} />}
        />
      </Stack>
      {category2 && (
        <Stack direction="row" spacing={1}>
          <TextField size="small" label="特定疾病" value={disease} onChange={(e) => setDisease(e.target.value)} />
          <TextField size="small" label="医療保険者" value={insurer} onChange={(e) => setInsurer(e.target.value)} />
          <TextField
            size="small"
            label="被保険者証番号"
            value={insuranceNumber}
            onChange={(e) => setInsuranceNumber(e.target.value)}
          />
        </Stack>
      )}
      {apply.error && (
        <Alert severity="error" data-testid="certification-apply-error">
          {apply.error}
        </Alert>
      )}
      <Stack direction="row">
        <Button
          variant="contained"
          disabled={apply.busy}
          onClick={() => void submit()}
          data-testid="certification-apply"
        >
          申請を受け付ける
        </Button>
      </Stack>
    </Stack>
  )
}

/** The 受給者台帳 of the person: every certification with its level and validity, the newest first. */
function CertificationHistory(props: { records: readonly CertificationRecord[] }) {
  const [today] = useState(() => todayInJapan(new Date()))
  if (props.records.length === 0) return null
  const newestFirst = [...props.records].sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))
  return (
    <Table size="small" data-testid="certification-history" sx={{ mb: 1 }}>
      <TableHead>
        <TableRow>
          <TableCell>要介護状態区分</TableCell>
          <TableCell>有効期間</TableCell>
          <TableCell>認定日</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {newestFirst.map((r) => (
          <TableRow key={r.caseId} data-testid="certification-record">
            <TableCell>{levelLabels[r.level] ?? r.level}</TableCell>
            <TableCell>
              <WarekiDate date={r.validFrom} />〜<WarekiDate date={r.validTo} />
            </TableCell>
            <TableCell>
              <WarekiDate date={r.decidedOn} />
            </TableCell>
            <TableCell>
              {r.validFrom <= today && today <= r.validTo ? <Chip size="small" color="primary" label="有効" /> : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}

/**
 * The person view's 要介護認定 panel: the person's cases with their stage and 30-day clock, the 申請 form (認定担当 and
 * 相談センター), the survey entry for the 認定担当, and the 事業対象者 registrations beside them.
 */
export function CertificationPanel(props: { personId: number }) {
  const { cases, checklists, certifications, load } = useCertificationPersonStore()
  const mayRead = useMay('certification.read')
  const mayApply = useMay('certification.apply')
  const mayManage = useMay('certification.manage')
  const mayChecklist = useMay('certification.checklist')
  const [checklist, setChecklist] = useState(false)
  const openDialog = useNavigationStore((s) => s.openDialog)
  const [applying, setApplying] = useState(false)
  const [filed, setFiled] = useState(false)
  useEffect(() => {
    if (mayRead) void load(props.personId)
  }, [load, props.personId, mayRead])
  if (!mayRead) {
    return (
      <Paper sx={{ p: 2 }} data-testid="person-certification">
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700 }}>
          要介護認定
        </Typography>
        <Divider sx={{ my: 1 }} />
        <Typography variant="body2" color="text.secondary" data-testid="certification-forbidden">
          権限がありません
        </Typography>
      </Paper>
    )
  }
  const list = cases.data?.cases ?? []
  const participants = checklists.data?.participants ?? []
  return (
    <Paper sx={{ p: 2 }} data-testid="person-certification">
      <Stack direction="row" alignItems="center" justifyContent="space-between">
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700 }}>
          要介護認定
        </Typography>
        <Stack direction="row" spacing={1}>
          {mayChecklist && !checklist && (
            <Button size="small" onClick={() => setChecklist(true)} data-testid="certification-open-checklist">
              基本チェックリスト
            </Button>
          )}
          {mayApply && !applying && (
            <Button size="small" onClick={() => setApplying(true)} data-testid="certification-open-apply">
              認定申請
            </Button>
          )}
        </Stack>
      </Stack>
      <Divider sx={{ my: 1 }} />
      {cases.error && <Alert severity="error">{cases.error}</Alert>}
      {applying && (
        <ApplyForm
          personId={props.personId}
          onFiled={() => {
            setApplying(false)
            setFiled(true)
            void load(props.personId)
          }}
        />
      )}
      {filed && (
        <Alert severity="success" sx={{ mb: 1 }} data-testid="certification-filed" onClose={() => setFiled(false)}>
          申請を受け付けました。被保険者証を預かる場合は資格者証（F11）を申請日で交付してください。
        </Alert>
      )}
      {checklist && <ChecklistForm personId={props.personId} onDone={() => void load(props.personId)} />}
      <CertificationHistory records={certifications.data?.certifications ?? []} />
      {list.length === 0 && !cases.busy && (
        <Typography variant="body2" color="text.secondary" data-testid="certification-no-cases">
          認定申請はありません
        </Typography>
      )}
      {list.length > 0 && (
        <Table size="small" data-testid="certification-cases">
          <TableHead>
            <TableRow>
              <TableCell>申請</TableCell>
              <TableCell>申請日</TableCell>
              <TableCell>状況</TableCell>
              <TableCell>経過／残り</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {list.map((c) => (
              <TableRow key={c.id} data-testid="certification-case">
                <TableCell>
                  {caseKindLabels[c.kind]} #{c.id}
                  {c.urgentFlags.map((f) => (
                    <Chip key={f} size="small" color="error" label={urgentFlagLabels[f]} sx={{ ml: 0.5 }} />
                  ))}
                </TableCell>
                <TableCell>
                  <WarekiDate date={c.appliedOn} />
                </TableCell>
                <TableCell data-testid="certification-case-stage">
                  {caseEventLabels[c.stage]}
                  {c.closedReason ? `（${c.closedReason}）` : ''}
                </TableCell>
                <TableCell>
                  {c.clock.open ? (
                    <Chip
                      size="small"
                      color={clockStatusColor[c.clock.status]}
                      label={`${c.clock.daysSinceApplication}日目・残り${c.clock.daysLeft}日（${clockStatusLabels[c.clock.status]}）`}
                    />
                  ) : (
                    `${c.clock.daysSinceApplication}日`
                  )}
                </TableCell>
                <TableCell>
                  {mayManage && c.clock.open && c.boardRequired && (
                    <Button
                      size="small"
                      onClick={() => openDialog({ kind: 'surveyEntry', caseId: c.id })}
                      data-testid="certification-open-survey"
                    >
                      調査・意見書
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {participants.length > 0 && (
        <Stack sx={{ mt: 1 }} data-testid="certification-participants">
          <Typography variant="subtitle2">事業対象者</Typography>
          {participants.map((p) => (
            <Typography key={p.id} variant="body2">
              <WarekiDate date={p.validFrom} /> から
              {p.endedOn ? (
                <>
                  {' '}
                  <WarekiDate date={p.endedOn} /> まで（{p.endReason ? programEndReasonLabels[p.endReason] : ''}）
                </>
              ) : (
                '（継続中）'
              )}
            </Typography>
          ))}
        </Stack>
      )}
    </Paper>
  )
}
