import { useCallback, useEffect, useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Divider from '@mui/material/Divider'
import LinearProgress from '@mui/material/LinearProgress'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { parseJapaneseDate } from '../../../../shared/domain'
import {
  eligibilityKindLabels,
  eligibilityReasonLabels,
  type EligibilityCorrection,
  type EligibilityEvent,
  type EligibilityHistory,
} from '../../../../shared/eligibility/contract'
import { WarekiDate } from '../../components/WarekiDate'
import { api } from '../../platform/bridge'
import { useSessionStore } from '../../stores/session-store'
import { CorrectionDialog } from './CorrectionDialog'
import { CorrectionRequests } from './CorrectionRequests'
import { FacilityEventDialog } from './FacilityEventDialog'

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
  const [history, setHistory] = useState<EligibilityHistory | null>(null)
  const [asKnownOnText, setAsKnownOnText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(true)
  const [corrections, setCorrections] = useState<EligibilityCorrection[]>([])
  const [dialog, setDialog] = useState<'facility' | 'correction' | null>(null)
  const [reloads, setReloads] = useState(0)
  const user = useSessionStore((s) => s.user)
  const mayRecord = Boolean(user?.roles.includes('eligibilityClerk'))
  const mayApprove = Boolean(user?.roles.includes('supervisor'))
  const { personId } = props

  const fetchHistory = useCallback(
    async (asKnownOn?: string) => {
      const res = await api.eligibility.history({ personId, ...(asKnownOn ? { asKnownOn } : {}) })
      return res
    },
    [personId],
  )

  async function load(asKnownOn?: string) {
    setBusy(true)
    const res = await fetchHistory(asKnownOn)
    setBusy(false)
    if (res.ok) {
      setHistory(res.value)
      setError(null)
    } else setError(res.message)
  }

  useEffect(() => {
    let current = true
    void fetchHistory().then((res) => {
      if (!current) return
      setBusy(false)
      if (res.ok) setHistory(res.value)
      else setError(res.message)
    })
    if (mayRecord || mayApprove)
      void api.eligibility.corrections({ personId, status: 'all' }).then((res) => {
        if (current && res.ok) setCorrections(res.value.corrections)
      })
    return () => {
      current = false
    }
  }, [fetchHistory, personId, reloads, mayRecord, mayApprove])

  /** After a recording or a decision: today's view again, and the requests. */
  const refresh = () => {
    setAsKnownOnText('')
    setReloads((n) => n + 1)
  }

  function applyAsKnownOn(event: FormEvent) {
    event.preventDefault()
    if (!asKnownOnText.trim()) return void load()
    try {
      void load(parseJapaneseDate(asKnownOnText.trim()))
    } catch {
      setError('基準日は「R8.4.1」「令和8年4月1日」「2026-04-01」のように入力してください')
    }
  }

  const status = history?.status
  return (
    <Paper sx={{ p: 2 }} data-testid="eligibility-history">
      <Stack direction="row" alignItems="center" spacing={2}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700, flex: 1 }}>
          資格履歴
        </Typography>
        {mayRecord && (
          <>
            <Button size="small" variant="outlined" onClick={() => setDialog('facility')} data-testid="facility-open">
              施設入退所の記録
            </Button>
            <Button
              size="small"
              variant="outlined"
              onClick={() => setDialog('correction')}
              data-testid="correction-open"
              disabled={!history}
            >
              訂正の申請
            </Button>
          </>
        )}
        <Box component="form" onSubmit={applyAsKnownOn}>
          <TextField
            size="small"
            label="記録時点"
            value={asKnownOnText}
            onChange={(e) => setAsKnownOnText(e.target.value)}
            placeholder="空欄＝現在（例: R8.4.1）"
            slotProps={{ htmlInput: { 'data-testid': 'eligibility-as-known-on', maxLength: 20 } }}
            sx={{ width: 280 }}
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
      {dialog === 'facility' && (
        <FacilityEventDialog personId={personId} open onClose={() => setDialog(null)} onRecorded={refresh} />
      )}
      {dialog === 'correction' && history && (
        <CorrectionDialog
          personId={personId}
          events={history.events}
          open
          onClose={() => setDialog(null)}
          onProposed={refresh}
        />
      )}
    </Paper>
  )
}
