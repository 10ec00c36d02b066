import { useEffect, useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import Divider from '@mui/material/Divider'
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
import { levelLabels } from '../../../../shared/api/certification-decisions'
import {
  decisionStatusLabels,
  reductionKindLabels,
  reductionKinds,
  reliefStageLabels,
  type CopayReduction,
  type RecipientOverview,
} from '../../../../shared/api/recipients'
import { reimbursementKindLabels, reimbursementKinds } from '../../../../shared/api/reimbursements'
import { highCostDecisionStatusLabels } from '../../../../shared/api/high-cost'
import { todayInJapan, type IsoDate } from '../../../../shared/domain'
import { BENEFIT_SERVICE_TYPES } from '../../../../shared/domain/parameters/statistics'
import { WarekiDate } from '../../components/WarekiDate'
import { useMay } from '../../stores/session-store'
import { StepUpDialog } from '../login/StepUpDialog'
import { IsoDateField } from '../premiums/accounts/IsoDateField'
import {
  emptyReductionDraft,
  emptyReimbursementDraft,
  reductionTitle,
  serviceMonthLabel,
  useBenefitsStore,
  yen,
  type ReductionDraft,
  type ReimbursementDraft,
} from './benefits-store'

/** The id of the 償還払 form's first field (the person view's F8 focuses it). */
export const REIMBURSEMENT_FIELD_ID = 'benefits-reimbursement-kind'

const serviceTypeLabel = new Map(BENEFIT_SERVICE_TYPES.map((t) => [t.code, t.label]))
const serviceTypeText = (code: string | null) =>
  code === null ? '—' : `${code} ${serviceTypeLabel.get(code) ?? ''}`.trim()
const units = (n: number) => `${n.toLocaleString('ja-JP')}単位`

/** The latest period covering `day` wins (recipient_copay_periods is append-only: docs/recipients.md). */
function copayOn(overview: RecipientOverview, day: IsoDate) {
  return overview.copayPeriods.filter((p) => p.validFrom <= day && p.validTo >= day).sort((a, b) => b.id - a.id)[0]
}

function Row(props: { label: string; testId?: string; children: React.ReactNode }) {
  return (
    <TableRow>
      <TableCell component="th" scope="row" sx={{ width: 160, color: 'text.secondary', border: 0, py: 0.5 }}>
        {props.label}
      </TableCell>
      <TableCell sx={{ border: 0, py: 0.5 }} data-testid={props.testId}>
        {props.children}
      </TableCell>
    </TableRow>
  )
}

/**
 * 給付 of the person view: the 受給者情報 (要介護度 and 区分支給限度基準額 of the latest service month, 負担割合,
 * 負担限度額認定, 減免, 居宅届出), the 給付実績 by サービス提供年月 with the units against the cap and the claims of a month
 * on request, the 高額介護サービス費 初回申請 and the 償還払 applications. Every read is audited on the server and
 * applies 支援措置 as the other panels do; each part shows only when the user may read it, each action only when the
 * user may do it.
 */
export function PersonBenefitsPanel(props: { personId: number }) {
  const mayMonths = useMay('benefits.recordsRead')
  const mayRecipient = useMay('recipients.read')
  const mayDetermine = useMay('recipients.determine')
  const mayHighCost = useMay('highCost.operate')
  const mayReadHighCost = useMay('highCost.read')
  const mayReimburse = useMay('reimbursement.operate')
  const mayReadReimbursement = useMay('reimbursement.read')
  const mayApplyReduction = useMay('recipients.reductionApply')
  const mayDecideReduction = useMay('recipients.reductionDecide')
  const { months, recipient, highCost, reimbursements, reductions, write } = useBenefitsStore()
  const { loadMonths, loadRecipient, loadHighCost, loadReimbursements, loadReductions } = useBenefitsStore()
  const { redetermineCopay, registerReimbursement, registerHighCostApplication, clearMessage } = useBenefitsStore()
  const { applyReduction, decideReduction, printers, printer, loadPrinters, choosePrinter, printReliefCertificate } =
    useBenefitsStore()
  const { personId } = props
  const [today] = useState(() => todayInJapan(new Date()))
  const [open, setOpen] = useState<string | null>(null)
  const [draft, setDraft] = useState<ReimbursementDraft>(() => emptyReimbursementDraft(today))
  const [formKey, setFormKey] = useState(0)
  const [highCostOn, setHighCostOn] = useState<string>(today)
  const [redetermineFrom, setRedetermineFrom] = useState<string>(today)
  const [redetermineReason, setRedetermineReason] = useState('')
  const [reductionDraft, setReductionDraft] = useState<ReductionDraft>(() => emptyReductionDraft(today))
  const [reductionFormKey, setReductionFormKey] = useState(0)
  /** The application being decided (the reason typed first, then the step-up: C-06). */
  const [deciding, setDeciding] = useState<{ reduction: CopayReduction; approve: boolean; reason: string } | null>(null)
  const [confirming, setConfirming] = useState(false)

  useEffect(() => {
    if (mayMonths) void loadMonths(personId)
  }, [loadMonths, personId, mayMonths])
  useEffect(() => {
    if (mayRecipient) void loadRecipient(personId)
  }, [loadRecipient, personId, mayRecipient])
  useEffect(() => {
    if (mayReadHighCost) void loadHighCost(personId)
  }, [loadHighCost, personId, mayReadHighCost])
  useEffect(() => {
    if (mayReadReimbursement) void loadReimbursements(personId)
  }, [loadReimbursements, personId, mayReadReimbursement])
  useEffect(() => {
    if (mayRecipient) void loadReductions(personId)
  }, [loadReductions, personId, mayRecipient])
  useEffect(() => {
    if (mayDetermine && mayRecipient) void loadPrinters()
  }, [loadPrinters, mayDetermine, mayRecipient])

  if (!mayMonths && !mayRecipient && !mayReadHighCost && !mayHighCost && !mayReimburse && !mayReadReimbursement)
    return null
  const monthData = months.data && months.data.personId === personId ? months.data.months : null
  const overview = recipient.data && recipient.data.personId === personId ? recipient.data : null
  const latest = monthData?.[0] ?? null
  const copay = overview ? copayOn(overview, today) : undefined
  const highCostData = highCost.data && highCost.data.personId === personId ? highCost.data : null
  const applications =
    reimbursements.data && reimbursements.data.personId === personId ? reimbursements.data.applications : null
  const reductionList = reductions.data && reductions.data.personId === personId ? reductions.data.reductions : null

  async function onApplyReduction(event: FormEvent) {
    event.preventDefault()
    if (await applyReduction(personId, reductionDraft)) {
      setReductionDraft(emptyReductionDraft(today))
      setReductionFormKey((k) => k + 1)
    }
  }

  function openDecision(reduction: CopayReduction, approve: boolean) {
    if (write.busy) return
    clearMessage()
    setDeciding({ reduction, approve, reason: '' })
  }

  function submitDecision(event: FormEvent) {
    event.preventDefault()
    if (!deciding || deciding.reason.trim() === '') return
    setConfirming(true)
  }

  async function decisionConfirmed() {
    setConfirming(false)
    if (!deciding) return
    if (await decideReduction(personId, deciding.reduction, deciding.approve, deciding.reason)) setDeciding(null)
  }

  async function onReimburse(event: FormEvent) {
    event.preventDefault()
    if (await registerReimbursement(personId, draft)) {
      setDraft(emptyReimbursementDraft(today))
      setFormKey((k) => k + 1)
    }
  }

  return (
    <Paper sx={{ p: 2 }} data-testid="person-benefits">
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700 }}>
        給付
      </Typography>
      <Divider sx={{ my: 1 }} />
      {(months.busy || recipient.busy || highCost.busy || reimbursements.busy) && (
        <LinearProgress aria-label="読み込み中" />
      )}

      {(mayMonths || mayRecipient) && (
        <Stack sx={{ mb: 2 }} data-testid="benefits-recipient">
          <Typography variant="body2" sx={{ fontWeight: 700 }}>
            受給者情報
          </Typography>
          {recipient.error && (
            <Alert severity="error" role="alert">
              {recipient.error}
            </Alert>
          )}
          <Table size="small">
            <TableBody>
              {mayMonths && (
                <>
                  <Row label="要介護度" testId="benefits-level">
                    {latest
                      ? `${latest.level ? (levelLabels[latest.level] ?? latest.level) : '認定なし'}（${serviceMonthLabel(latest.serviceMonth)}1日時点）`
                      : '—'}
                  </Row>
                  <Row label="区分支給限度基準額" testId="benefits-cap">
                    {latest?.capUnits != null ? `${units(latest.capUnits)}／月` : '—'}
                  </Row>
                </>
              )}
              {mayRecipient && overview && (
                <>
                  <Row label="負担割合" testId="benefits-copay">
                    {copay ? (
                      <>
                        {copay.ratio}割（
                        <WarekiDate date={copay.validFrom} />〜<WarekiDate date={copay.validTo} />）
                      </>
                    ) : (
                      '判定なし'
                    )}
                  </Row>
                  <Row label="負担限度額認定" testId="benefits-relief">
                    {overview.reliefCertifications.length === 0
                      ? 'なし'
                      : overview.reliefCertifications.map((r) => (
                          <div key={r.id}>
                            {r.stage ? reliefStageLabels[r.stage] : '段階未決定'} {decisionStatusLabels[r.status]}（
                            <WarekiDate date={r.validFrom} />〜<WarekiDate date={r.validTo} />）
                            {mayDetermine && r.status === 'approved' && (
                              <Button
                                size="small"
                                variant="outlined"
                                sx={{ ml: 1 }}
                                disabled={write.busy || !printer}
                                onClick={() => void printReliefCertificate(personId, r.id)}
                                data-testid={`benefits-relief-certificate-${r.id}`}
                              >
                                認定証を印刷
                              </Button>
                            )}
                          </div>
                        ))}
                    {mayDetermine && overview.reliefCertifications.some((r) => r.status === 'approved') && (
                      <TextField
                        select
                        size="small"
                        label="プリンタ"
                        value={printer}
                        onChange={(e) => choosePrinter(e.target.value)}
                        sx={{ minWidth: 220, mt: 1 }}
                        slotProps={{
                          select: { SelectDisplayProps: { 'data-testid': 'benefits-relief-printer' } as object },
                        }}
                      >
                        {(printers ?? []).map((p) => (
                          <MenuItem key={p.name} value={p.name} disabled={!p.allowed}>
                            {p.name}
                            {p.reason ? `（${p.reason}）` : ''}
                          </MenuItem>
                        ))}
                      </TextField>
                    )}
                  </Row>
                  <Row label="居宅サービス計画" testId="benefits-care-plan">
                    {overview.carePlanNotifications.length === 0
                      ? '届出なし'
                      : overview.carePlanNotifications.map((c) => (
                          <div key={c.id}>
                            {c.planKind === 'self'
                              ? '自己作成'
                              : `${c.providerName ?? ''}（${c.providerNumber ?? ''}）`}{' '}
                            <WarekiDate date={c.validFrom} />〜{c.validTo ? <WarekiDate date={c.validTo} /> : ''}
                          </div>
                        ))}
                  </Row>
                </>
              )}
            </TableBody>
          </Table>
          {mayDetermine && mayRecipient && overview && (
            <form
              onSubmit={(e) => {
                e.preventDefault()
                void redetermineCopay(personId, redetermineFrom, redetermineReason).then(
                  (done) => done && setRedetermineReason(''),
                )
              }}
              data-testid="benefits-redetermine-form"
            >
              <Stack direction="row" spacing={2} alignItems="center" sx={{ mt: 1 }}>
                <IsoDateField
                  label="適用開始日"
                  value={redetermineFrom}
                  onChange={setRedetermineFrom}
                  testId="benefits-redetermine-from"
                />
                <TextField
                  size="small"
                  label="再判定の理由"
                  value={redetermineReason}
                  onChange={(e) => setRedetermineReason(e.target.value.slice(0, 500))}
                  slotProps={{ htmlInput: { 'data-testid': 'benefits-redetermine-reason' } }}
                  sx={{ width: 240 }}
                />
                <Button
                  type="submit"
                  variant="outlined"
                  disabled={write.busy}
                  data-testid="benefits-redetermine-submit"
                >
                  負担割合を再判定
                </Button>
              </Stack>
            </form>
          )}
        </Stack>
      )}

      {mayRecipient && (
        <Stack sx={{ mb: 2 }} data-testid="benefits-reductions">
          <Typography variant="body2" sx={{ fontWeight: 700 }}>
            減免（利用者負担の減免・軽減）
          </Typography>
          {reductions.error && (
            <Alert severity="error" role="alert">
              {reductions.error}
            </Alert>
          )}
          {reductionList && reductionList.length === 0 && (
            <Typography variant="body2" color="text.secondary" data-testid="benefits-reductions-none">
              減免の申請はありません
            </Typography>
          )}
          {reductionList && reductionList.length > 0 && (
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>申請番号</TableCell>
                  <TableCell>種類</TableCell>
                  <TableCell align="right">割合</TableCell>
                  <TableCell>有効期間</TableCell>
                  <TableCell>申請日</TableCell>
                  <TableCell>状態</TableCell>
                  {mayDecideReduction && <TableCell>決定</TableCell>}
                </TableRow>
              </TableHead>
              <TableBody>
                {reductionList.map((r) => (
                  <TableRow key={r.id} data-testid={`benefits-reduction-${r.id}`} title={reductionTitle(r)}>
                    <TableCell>{r.id}</TableCell>
                    <TableCell>
                      {reductionKindLabels[r.kind]}
                      <Typography variant="caption" component="div" color="text.secondary">
                        {r.reason}
                      </Typography>
                    </TableCell>
                    <TableCell align="right">{r.ratePercent !== null ? `${r.ratePercent}%` : '—'}</TableCell>
                    <TableCell>
                      <WarekiDate date={r.validFrom} />〜<WarekiDate date={r.validTo} />
                    </TableCell>
                    <TableCell>
                      <WarekiDate date={r.appliedOn} />
                    </TableCell>
                    <TableCell data-testid={`benefits-reduction-status-${r.id}`}>
                      {decisionStatusLabels[r.status]}
                      {r.decidedOn && (
                        <Typography variant="caption" component="div" color="text.secondary">
                          <WarekiDate date={r.decidedOn} /> 決定
                        </Typography>
                      )}
                    </TableCell>
                    {mayDecideReduction && (
                      <TableCell>
                        {r.status === 'applied' && (
                          <Stack direction="row" spacing={1}>
                            <Button
                              size="small"
                              variant="contained"
                              disabled={write.busy}
                              onClick={() => openDecision(r, true)}
                              data-testid={`benefits-reduction-approve-${r.id}`}
                            >
                              承認
                            </Button>
                            <Button
                              size="small"
                              variant="outlined"
                              color="warning"
                              disabled={write.busy}
                              onClick={() => openDecision(r, false)}
                              data-testid={`benefits-reduction-reject-${r.id}`}
                            >
                              却下
                            </Button>
                          </Stack>
                        )}
                      </TableCell>
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          {mayApplyReduction && (
            <form
              key={reductionFormKey}
              onSubmit={(e) => void onApplyReduction(e)}
              data-testid="benefits-reduction-form"
            >
              <Typography variant="body2" sx={{ fontWeight: 700, mt: 2 }}>
                減免の申請受付（Enter で登録）
              </Typography>
              <Stack direction="row" spacing={2} alignItems="center" sx={{ mt: 1, flexWrap: 'wrap', rowGap: 1 }}>
                <TextField
                  select
                  size="small"
                  label="種類"
                  value={reductionDraft.kind}
                  onChange={(e) =>
                    setReductionDraft({ ...reductionDraft, kind: e.target.value as ReductionDraft['kind'] })
                  }
                  sx={{ minWidth: 260 }}
                  slotProps={{
                    select: { SelectDisplayProps: { 'data-testid': 'benefits-reduction-kind' } as object },
                  }}
                >
                  {reductionKinds.map((k) => (
                    <MenuItem key={k} value={k}>
                      {reductionKindLabels[k]}
                    </MenuItem>
                  ))}
                </TextField>
                <TextField
                  size="small"
                  label="減免の割合（％）"
                  value={reductionDraft.ratePercent}
                  onChange={(e) => setReductionDraft({ ...reductionDraft, ratePercent: e.target.value.slice(0, 3) })}
                  slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'benefits-reduction-rate' } }}
                  sx={{ width: 140 }}
                />
                <IsoDateField
                  label="有効期間の開始日"
                  value={reductionDraft.validFrom}
                  onChange={(v) => setReductionDraft({ ...reductionDraft, validFrom: v })}
                  testId="benefits-reduction-from"
                />
                <IsoDateField
                  label="有効期間の終了日"
                  value={reductionDraft.validTo}
                  onChange={(v) => setReductionDraft({ ...reductionDraft, validTo: v })}
                  testId="benefits-reduction-to"
                />
                <IsoDateField
                  label="申請日"
                  value={reductionDraft.appliedOn}
                  onChange={(v) => setReductionDraft({ ...reductionDraft, appliedOn: v })}
                  testId="benefits-reduction-applied-on"
                />
                <TextField
                  size="small"
                  label="申請の理由"
                  value={reductionDraft.reason}
                  onChange={(e) => setReductionDraft({ ...reductionDraft, reason: e.target.value.slice(0, 500) })}
                  slotProps={{ htmlInput: { 'data-testid': 'benefits-reduction-reason' } }}
                  sx={{ width: 260 }}
                />
                <Button type="submit" variant="contained" disabled={write.busy} data-testid="benefits-reduction-submit">
                  申請を登録
                </Button>
              </Stack>
            </form>
          )}
        </Stack>
      )}

      {mayMonths && (
        <Stack sx={{ mb: 2 }} data-testid="benefits-months">
          <Typography variant="body2" sx={{ fontWeight: 700 }}>
            給付実績（サービス提供年月別）
          </Typography>
          {months.error && (
            <Alert severity="error" role="alert">
              {months.error}
            </Alert>
          )}
          {monthData && monthData.length === 0 && (
            <Typography color="text.secondary" data-testid="benefits-months-none">
              この1年の給付実績はありません
            </Typography>
          )}
          {monthData && monthData.length > 0 && (
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>サービス提供年月</TableCell>
                  <TableCell>要介護度</TableCell>
                  <TableCell align="right">限度額対象／限度額</TableCell>
                  <TableCell align="right">費用額</TableCell>
                  <TableCell align="right">保険給付額</TableCell>
                  <TableCell align="right">利用者負担額</TableCell>
                  <TableCell align="right">公費</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {monthData.map((m) => {
                  const over = m.capUnits !== null && m.cappedUnits > m.capUnits
                  return [
                    <TableRow
                      key={m.serviceMonth}
                      hover
                      tabIndex={0}
                      onClick={() => setOpen(open === m.serviceMonth ? null : m.serviceMonth)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter' || e.key === ' ') {
                          e.preventDefault()
                          setOpen(open === m.serviceMonth ? null : m.serviceMonth)
                        }
                      }}
                      data-testid={`benefits-month-${m.serviceMonth}`}
                    >
                      <TableCell>{serviceMonthLabel(m.serviceMonth)}</TableCell>
                      <TableCell>{m.level ? (levelLabels[m.level] ?? m.level) : '—'}</TableCell>
                      <TableCell align="right">
                        {units(m.cappedUnits)}／{m.capUnits !== null ? units(m.capUnits) : '—'}
                        {over && <Chip size="small" color="warning" label="超過" sx={{ ml: 1 }} />}
                      </TableCell>
                      <TableCell align="right" data-testid={`benefits-month-cost-${m.serviceMonth}`}>
                        {yen(m.cost)}
                      </TableCell>
                      <TableCell align="right">{yen(m.insurerShare)}</TableCell>
                      <TableCell align="right">{yen(m.copay)}</TableCell>
                      <TableCell align="right">{m.publicExpense > 0 ? yen(m.publicExpense) : '—'}</TableCell>
                    </TableRow>,
                    open === m.serviceMonth && (
                      <TableRow key={`${m.serviceMonth}-claims`}>
                        <TableCell colSpan={7} sx={{ bgcolor: 'action.hover' }}>
                          {m.claims.map((c, i) => (
                            <Typography key={i} variant="body2" data-testid="benefits-claim">
                              事業所 {c.providerNumber} · {serviceTypeText(c.serviceType)} · {units(c.units)} · 費用額{' '}
                              {yen(c.cost)} · 利用者負担 {yen(c.copay)}
                            </Typography>
                          ))}
                        </TableCell>
                      </TableRow>
                    ),
                  ]
                })}
              </TableBody>
            </Table>
          )}
        </Stack>
      )}

      {(mayReadHighCost || mayHighCost) && (
        <Stack sx={{ mb: 2 }} data-testid="benefits-high-cost">
          <Typography variant="body2" sx={{ fontWeight: 700 }}>
            高額介護サービス費
          </Typography>
          {highCost.error && (
            <Alert severity="error" role="alert">
              {highCost.error}
            </Alert>
          )}
          {highCostData && (
            <>
              <Typography variant="body2" data-testid="benefits-high-cost-application">
                初回申請：
                {highCostData.application ? (
                  <>
                    <WarekiDate date={highCostData.application.receivedOn} /> 受付（以後の月は申請なしで支給）
                  </>
                ) : (
                  'なし'
                )}
              </Typography>
              {highCostData.decisions.length === 0 ? (
                <Typography variant="body2" color="text.secondary" data-testid="benefits-high-cost-none">
                  支給決定はありません
                </Typography>
              ) : (
                <Table size="small" data-testid="benefits-high-cost-decisions">
                  <TableHead>
                    <TableRow>
                      <TableCell>サービス提供年月</TableCell>
                      <TableCell align="right">利用者負担額</TableCell>
                      <TableCell align="right">負担上限額</TableCell>
                      <TableCell align="right">支給額</TableCell>
                      <TableCell>決定</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {highCostData.decisions.map((d) => (
                      <TableRow key={d.serviceMonth}>
                        <TableCell>{serviceMonthLabel(d.serviceMonth)}</TableCell>
                        <TableCell align="right">{yen(d.copay)}</TableCell>
                        <TableCell align="right">
                          {yen(d.householdCap)}
                          {d.individualCap !== null ? `（個人 ${yen(d.individualCap)}）` : ''}
                        </TableCell>
                        <TableCell align="right">{yen(d.refund)}</TableCell>
                        <TableCell>
                          {highCostDecisionStatusLabels[d.status]}
                          {d.reason ? `（${d.reason}）` : ''}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </>
          )}
          {mayHighCost && highCostData?.application == null && (
            <form
              onSubmit={(e) => {
                e.preventDefault()
                void registerHighCostApplication(personId, highCostOn)
              }}
            >
              <Stack direction="row" spacing={2} alignItems="center" sx={{ mt: 1 }}>
                <IsoDateField
                  label="初回申請の受付日"
                  value={highCostOn}
                  onChange={setHighCostOn}
                  testId="benefits-high-cost-received-on"
                />
                <Button type="submit" variant="outlined" disabled={write.busy} data-testid="benefits-high-cost-submit">
                  初回申請を登録
                </Button>
              </Stack>
            </form>
          )}
        </Stack>
      )}

      {(mayReimburse || mayReadReimbursement) && (
        <Stack data-testid="benefits-reimbursements">
          <Typography variant="body2" sx={{ fontWeight: 700 }}>
            償還払
          </Typography>
          {reimbursements.error && (
            <Alert severity="error" role="alert">
              {reimbursements.error}
            </Alert>
          )}
          {applications && applications.length === 0 && (
            <Typography variant="body2" color="text.secondary" data-testid="benefits-reimbursements-none">
              償還払の申請はありません
            </Typography>
          )}
          {applications && applications.length > 0 && (
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>申請番号</TableCell>
                  <TableCell>種類</TableCell>
                  <TableCell>サービス提供日等</TableCell>
                  <TableCell align="right">費用額</TableCell>
                  <TableCell align="right">支給対象</TableCell>
                  <TableCell align="right">支給額</TableCell>
                  <TableCell>状態</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {applications.map((a) => {
                  const d = a.decision
                  return (
                    <TableRow key={a.id} data-testid={`benefits-reimbursement-${a.id}`}>
                      <TableCell>{a.id}</TableCell>
                      <TableCell>{reimbursementKindLabels[a.kind]}</TableCell>
                      <TableCell>
                        <WarekiDate date={a.serviceOn} />
                      </TableCell>
                      <TableCell align="right">{yen(a.cost)}</TableCell>
                      <TableCell align="right">{yen(d ? d.coveredCost : a.figures.coveredCost)}</TableCell>
                      <TableCell align="right">{yen(d ? d.insurerShare : a.figures.insurerShare)}</TableCell>
                      <TableCell>
                        {d ? (d.outcome === 'approved' ? '支給決定' : `不支給（${d.reason ?? ''}）`) : '決定待ち'}
                        {a.figures.notes.map((n) => (
                          <Typography key={n} variant="caption" component="div" color="text.secondary">
                            {n}
                          </Typography>
                        ))}
                      </TableCell>
                    </TableRow>
                  )
                })}
              </TableBody>
            </Table>
          )}
          {mayReimburse && (
            <form key={formKey} onSubmit={(e) => void onReimburse(e)} data-testid="benefits-reimbursement-form">
              <Typography variant="body2" sx={{ fontWeight: 700, mt: 2 }}>
                償還払の申請受付（F8・Enter で登録）
              </Typography>
              <Stack direction="row" spacing={2} alignItems="center" sx={{ mt: 1, flexWrap: 'wrap', rowGap: 1 }}>
                <TextField
                  select
                  size="small"
                  label="種類"
                  value={draft.kind}
                  onChange={(e) => setDraft({ ...draft, kind: e.target.value as ReimbursementDraft['kind'] })}
                  sx={{ minWidth: 200 }}
                  slotProps={{
                    select: {
                      SelectDisplayProps: {
                        id: REIMBURSEMENT_FIELD_ID,
                        'data-testid': 'benefits-reimbursement-kind',
                      } as object,
                    },
                  }}
                >
                  {reimbursementKinds.map((k) => (
                    <MenuItem key={k} value={k}>
                      {reimbursementKindLabels[k]}
                    </MenuItem>
                  ))}
                </TextField>
                <IsoDateField
                  label={
                    draft.kind === 'homeAlteration'
                      ? '着工日'
                      : draft.kind === 'equipmentPurchase'
                        ? '購入日'
                        : 'サービス提供日'
                  }
                  value={draft.serviceOn}
                  onChange={(v) => setDraft({ ...draft, serviceOn: v })}
                  testId="benefits-reimbursement-service-on"
                />
                <TextField
                  size="small"
                  label="費用額（全額・円）"
                  value={draft.cost}
                  onChange={(e) => setDraft({ ...draft, cost: e.target.value.slice(0, 12) })}
                  slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'benefits-reimbursement-cost' } }}
                  sx={{ width: 160 }}
                />
                <TextField
                  size="small"
                  label="支払先"
                  value={draft.provider}
                  onChange={(e) => setDraft({ ...draft, provider: e.target.value.slice(0, 100) })}
                  slotProps={{ htmlInput: { 'data-testid': 'benefits-reimbursement-provider' } }}
                  sx={{ width: 220 }}
                />
                <IsoDateField
                  label="申請受付日"
                  value={draft.receivedOn}
                  onChange={(v) => setDraft({ ...draft, receivedOn: v })}
                  testId="benefits-reimbursement-received-on"
                />
                {draft.kind === 'homeAlteration' && (
                  <>
                    <TextField
                      size="small"
                      label="対象住宅"
                      value={draft.dwelling}
                      onChange={(e) => setDraft({ ...draft, dwelling: e.target.value.slice(0, 200) })}
                      slotProps={{ htmlInput: { 'data-testid': 'benefits-reimbursement-dwelling' } }}
                      sx={{ width: 260 }}
                    />
                    <IsoDateField
                      label="事前申請の受付日"
                      value={draft.priorApplicationOn}
                      onChange={(v) => setDraft({ ...draft, priorApplicationOn: v })}
                      testId="benefits-reimbursement-prior-on"
                    />
                  </>
                )}
                <Button
                  type="submit"
                  variant="contained"
                  disabled={write.busy}
                  data-testid="benefits-reimbursement-submit"
                >
                  申請を登録
                </Button>
              </Stack>
            </form>
          )}
        </Stack>
      )}

      {write.error && (
        <Alert severity="error" role="alert" sx={{ mt: 1 }} onClose={clearMessage}>
          {write.error}
        </Alert>
      )}
      {write.data && (
        <Alert severity="success" sx={{ mt: 1 }} onClose={clearMessage} data-testid="benefits-message">
          {write.data}
        </Alert>
      )}

      <Dialog
        open={deciding !== null && !confirming}
        onClose={() => setDeciding(null)}
        aria-labelledby="benefits-reduction-decide-title"
        fullWidth
      >
        {deciding && (
          <form onSubmit={submitDecision}>
            <DialogTitle id="benefits-reduction-decide-title">
              {deciding.approve ? '承認' : '却下'}: 減免の申請 第{deciding.reduction.id}号
            </DialogTitle>
            <DialogContent>
              <Stack spacing={2} sx={{ pt: 1 }}>
                <Typography variant="body2">
                  {reductionTitle(deciding.reduction)}（
                  <WarekiDate date={deciding.reduction.validFrom} />〜<WarekiDate date={deciding.reduction.validTo} />）
                </Typography>
                <TextField
                  autoFocus
                  label={deciding.approve ? '承認の理由' : '却下の理由'}
                  value={deciding.reason}
                  onChange={(e) => setDeciding({ ...deciding, reason: e.target.value.slice(0, 500) })}
                  slotProps={{ htmlInput: { 'data-testid': 'benefits-reduction-decide-reason' } }}
                />
                {write.error && (
                  <Alert severity="error" role="alert" data-testid="benefits-reduction-decide-error">
                    {write.error}
                  </Alert>
                )}
              </Stack>
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setDeciding(null)}>取消（Esc）</Button>
              <Button
                type="submit"
                variant="contained"
                disabled={write.busy || deciding.reason.trim() === ''}
                data-testid="benefits-reduction-decide-submit"
              >
                本人確認へ（Enter）
              </Button>
            </DialogActions>
          </form>
        )}
      </Dialog>

      <StepUpDialog
        open={confirming}
        action={
          deciding
            ? `減免の申請 第${deciding.reduction.id}号（${reductionKindLabels[deciding.reduction.kind]}）を${deciding.approve ? '承認' : '却下'}します`
            : ''
        }
        onConfirmed={decisionConfirmed}
        onCancel={() => setConfirming(false)}
      />
    </Paper>
  )
}
