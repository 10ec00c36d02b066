import { useEffect, useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Divider from '@mui/material/Divider'
import LinearProgress from '@mui/material/LinearProgress'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import {
  eligibilityKindLabels,
  eligibilityReasonLabels,
  type EligibilityEvent,
} from '../../../../shared/eligibility/contract'
import { DatePartsField, emptyDateParts, optionalDate, type DateParts } from '../../components/DatePartsField'
import { WarekiDate } from '../../components/WarekiDate'
import { useNavigationStore } from '../../app/navigation-store'
import { useMay, useSessionStore } from '../../stores/session-store'
import { CorrectionRequests } from './CorrectionRequests'
import { useCorrectionList, useEligibilityHistoryRequest } from './eligibility-requests'
import { useEligibilityRevision } from './eligibility-revision'

const CATEGORY_LABEL = { 1: '第1号', 2: '第2号' } as const
const SOURCE_LABEL: Record<string, string> = { seed: '移行', batch: '一括処理', intake: '住基異動', manual: '手入力' }

function EventRow(props: { event: EligibilityEvent; superseded?: boolean }) {
  const e = props.event
  const facility = [e.detail.facilityMunicipality, e.detail.facilityName, e.detail.facilityType].filter(Boolean)
  return (
    <Box
      component="li"
      data-testid={props.superseded ? 'eligibility-superseded' : 'eligibility-event'}
      sx={{
        display: 'grid',
        gridTemplateColumns: '140px 170px 1fr',
        gap: 1,
        py: 0.75,
        borderLeft: 3,
        borderColor:
          e.kind === 'loss'
            ? 'error.main'
            : e.kind === 'acquisition'
              ? 'success.main'
              : e.kind.startsWith('residenceException')
                ? 'secondary.main'
                : 'info.main',
        pl: 1.5,
        textDecoration: props.superseded ? 'line-through' : 'none',
        color: props.superseded ? 'text.disabled' : 'text.primary',
      }}
    >
      <WarekiDate date={e.effectiveOn} />
      <span>
        {eligibilityKindLabels[e.kind]}
        {e.category ? `（${CATEGORY_LABEL[e.category]}）` : ''}
      </span>
      <span>
        {eligibilityReasonLabels[e.reason]}
        {e.detail.factOn && e.detail.factOn !== e.effectiveOn && (
          <Typography component="span" variant="body2" color="text.secondary">
            {' '}
            （事実発生日 <WarekiDate date={e.detail.factOn} />）
          </Typography>
        )}
        {facility.length > 0 && (
          <Typography component="span" variant="body2" color="text.secondary">
            {' '}
            {facility.join('・')}
          </Typography>
        )}
        <Chip size="small" variant="outlined" label={SOURCE_LABEL[e.source] ?? e.source} sx={{ ml: 1 }} />
        {e.detail.note && (
          <Typography component="span" variant="body2" color="text.secondary" sx={{ display: 'block' }}>
            {e.detail.note}
          </Typography>
        )}
      </span>
    </Box>
  )
}

/** 資格履歴: a timeline of the effective rows, "as known on" any date (bitemporal), 住所地特例 periods. */
export function EligibilityHistoryPanel(props: { personId: number }) {
  // The typed 記録時点 belongs to the revision it was typed in: after a recording or a decision it is empty again.
  const [typed, setTyped] = useState<{ parts: DateParts; revision: number }>(() => ({
    parts: emptyDateParts(),
    revision: -1,
  }))
  const historyRequest = useEligibilityHistoryRequest()
  const correctionList = useCorrectionList()
  const history = historyRequest.data
  const corrections = correctionList.data?.corrections ?? []
  const busy = historyRequest.busy || (history === null && historyRequest.error === null)
  const error = historyRequest.error
  const user = useSessionStore((s) => s.user)
  // Each button and list as the server allows it: recording (eligibility.record), proposing
  // (eligibility.correct) and deciding (eligibility.approveCorrection) a correction.
  const mayRecord = useMay('eligibility.record')
  const mayPropose = useMay('eligibility.correct')
  const mayApprove = useMay('eligibility.approveCorrection')
  const revision = useEligibilityRevision((s) => s.revision)
  const asKnownOnParts = typed.revision === revision ? typed.parts : emptyDateParts()
  const setAsKnownOnParts = (parts: DateParts) => setTyped({ parts, revision })
  const openDialog = useNavigationStore((s) => s.openDialog)
  const { personId } = props
  const loadHistory = historyRequest.run
  const loadCorrections = correctionList.run

  useEffect(() => {
    void loadHistory({ personId })
    if (mayPropose || mayApprove) void loadCorrections({ personId, status: 'all' })
  }, [loadHistory, loadCorrections, personId, revision, mayPropose, mayApprove])

  /** After a recording or a decision: today's view again, and the requests. */
  const refresh = useEligibilityRevision((s) => s.changed)

  function applyAsKnownOn(event?: FormEvent) {
    event?.preventDefault()
    const asKnownOn = optionalDate(asKnownOnParts)
    if (asKnownOn === null) void loadHistory({ personId })
    else if (asKnownOn === 'invalid') historyRequest.setError('記録時点を正しく入力してください（例: R 8 4 1）')
    else void loadHistory({ personId, asKnownOn })
  }

  const status = history?.status
  return (
    <Paper sx={{ p: 2 }} data-testid="eligibility-history">
      <Stack direction="row" alignItems="center" spacing={2}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700, flex: 1 }}>
          資格履歴
        </Typography>
        {mayRecord && (
          <Button
            size="small"
            variant="outlined"
            onClick={() => openDialog({ kind: 'facilityEvent', personId })}
            data-testid="facility-open"
          >
            施設入退所の記録
          </Button>
        )}
        {mayPropose && (
          <Button
            size="small"
            variant="outlined"
            onClick={() => history && openDialog({ kind: 'eligibilityCorrection', personId, events: history.events })}
            data-testid="correction-open"
            disabled={!history}
          >
            訂正の申請
          </Button>
        )}
        <Box component="form" onSubmit={applyAsKnownOn}>
          <DatePartsField
            label="記録時点"
            value={asKnownOnParts}
            onChange={setAsKnownOnParts}
            testId="eligibility-as-known-on"
            onEnter={applyAsKnownOn}
            hint="空欄＝現在"
          />
        </Box>
      </Stack>
      <Divider sx={{ my: 1 }} />
      <Box sx={{ height: 4 }}>{busy && <LinearProgress aria-label="読み込み中" />}</Box>
      {error && (
        <Alert severity="error" role="alert">
          {error}
        </Alert>
      )}
      {history && status && (
        <>
          <Typography sx={{ mb: 1 }} data-testid="eligibility-status">
            {status.insured ? (
              <>
                現在の資格：{status.category ? CATEGORY_LABEL[status.category] : ''}被保険者（
                <WarekiDate date={status.since} />
                〜）
              </>
            ) : status.since ? (
              <>
                資格なし（
                <WarekiDate date={status.since} /> 喪失）
              </>
            ) : (
              '資格の記録はありません'
            )}
            <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 2 }}>
              記録時点 <WarekiDate date={history.asKnownOn} />
            </Typography>
          </Typography>
          {history.events.length === 0 ? (
            <Typography color="text.secondary">この時点で記録された資格の異動はありません。</Typography>
          ) : (
            <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0 }} aria-label="資格の異動">
              {history.events.map((e) => (
                <EventRow key={e.id} event={e} />
              ))}
            </Box>
          )}
          {history.superseded.length > 0 && (
            <>
              <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                訂正により置き換えられた記録
              </Typography>
              <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0 }}>
                {history.superseded.map((e) => (
                  <EventRow key={e.id} event={e} superseded />
                ))}
              </Box>
            </>
          )}
          <Divider sx={{ my: 1 }} />
          <Typography variant="subtitle2" component="h4">
            住所地特例
          </Typography>
          {history.residenceExceptionPeriods.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              該当期間はありません
            </Typography>
          ) : (
            history.residenceExceptionPeriods.map((p) => (
              <Typography key={p.from} variant="body2" data-testid="residence-exception-period">
                <WarekiDate date={p.from} />〜{p.to ? <WarekiDate date={p.to} /> : '継続中'}
                {'\u3000'}
                {[p.facilityMunicipality, p.facilityName, p.facilityType].filter(Boolean).join('・')}
              </Typography>
            ))
          )}
          {history.excludedFacilityPeriods.length > 0 && (
            <>
              <Typography variant="subtitle2" component="h4" sx={{ mt: 1 }}>
                適用除外施設
              </Typography>
              {history.excludedFacilityPeriods.map((p) => (
                <Typography key={p.from} variant="body2">
                  <WarekiDate date={p.from} />〜{p.to ? <WarekiDate date={p.to} /> : '入所中'}
                  {'\u3000'}
                  {[p.facilityName, p.facilityType].filter(Boolean).join('・')}
                </Typography>
              ))}
            </>
          )}
          <CorrectionRequests
            corrections={corrections}
            mayApprove={mayApprove}
            loginId={user?.loginId ?? null}
            onDecided={refresh}
          />
        </>
      )}
    </Paper>
  )
}
