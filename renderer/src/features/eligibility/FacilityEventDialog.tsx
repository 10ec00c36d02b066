import { useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import LinearProgress from '@mui/material/LinearProgress'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { formatWareki } from '../../../../shared/domain'
import {
  excludedFacilityTypes,
  facilityActionLabels,
  facilityActions,
  residenceExceptionFacilityTypes,
  residenceExceptionOutcomeLabels,
  residenceExceptionOutcomes,
  type FacilityAction,
  type ResidenceExceptionOutcome,
} from '../../../../shared/eligibility/contract'
import {
  DatePartsField,
  datePartsToIso,
  emptyDateParts,
  optionalDate,
  type DateParts,
} from '../../components/DatePartsField'
import { useFacilityEventRecording } from './eligibility-requests'

const DATE_HINT = '日付を正しく入力してください（例: R 8 4 1）'

const DATE_LABEL: Record<FacilityAction, string> = {
  residenceExceptionStart: '入所日',
  residenceExceptionChange: '施設変更日（新しい施設の入所日）',
  residenceExceptionEnd: '退所日（死亡のときは死亡日）',
  excludedFacilityEntry: '入所日',
  excludedFacilityExit: '退所日',
}

/**
 * 施設入退所の記録: 住所地特例 (開始・変更・終了) and 適用除外施設 (入所・退所). The server derives the loss and
 * acquisition dates from shared/domain and refuses what the history does not allow, with the reason in Japanese.
 */
export function FacilityEventDialog(props: { personId: number; open: boolean; onClose(): void; onRecorded(): void }) {
  const [action, setAction] = useState<FacilityAction>('residenceExceptionStart')
  const [on, setOn] = useState<DateParts>(() => emptyDateParts())
  const [facilityType, setFacilityType] = useState('')
  const [facilityName, setFacilityName] = useState('')
  const [facilityMunicipality, setFacilityMunicipality] = useState('')
  const [outcome, setOutcome] = useState<ResidenceExceptionOutcome>('returnedToWard')
  const [elsewhere, setElsewhere] = useState<DateParts>(() => emptyDateParts())
  const recording = useFacilityEventRecording()
  const { busy, error, setError, data: result, reset: forgetResult } = recording
  // One key per recorded fact: a resent press returns the first answer and records nothing twice.
  const [key, setKey] = useState(() => crypto.randomUUID())

  const residence = action.startsWith('residenceException')
  const needsFacility = action !== 'residenceExceptionEnd' && action !== 'excludedFacilityExit'
  const types = residence ? residenceExceptionFacilityTypes : excludedFacilityTypes

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    const date = datePartsToIso(on)
    const elsewhereDate = optionalDate(elsewhere)
    if (!date || elsewhereDate === 'invalid') return setError(DATE_HINT)
    const res = await recording.run({
      personId: props.personId,
      action,
      on: date,
      ...(needsFacility ? { facilityType, facilityName } : {}),
      ...(needsFacility && residence ? { facilityMunicipality } : {}),
      ...(action === 'residenceExceptionEnd' ? { outcome } : {}),
      ...(action === 'residenceExceptionEnd' && outcome === 'movedElsewhere' && elsewhereDate
        ? { residenceElsewhereFrom: elsewhereDate }
        : {}),
      idempotencyKey: key,
    })
    if (!res?.ok) return
    setKey(crypto.randomUUID())
    props.onRecorded()
  }

  return (
    <Dialog open={props.open} onClose={props.onClose} aria-labelledby="facility-title" maxWidth="sm" fullWidth>
      <form onSubmit={submit}>
        <DialogTitle id="facility-title">施設入退所の記録（住所地特例・適用除外施設）</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ mt: 1 }}>
            <TextField
              select
              label="記録する内容"
              value={action}
              onChange={(e) => {
                setAction(e.target.value as FacilityAction)
                setFacilityType('')
                forgetResult()
              }}
              slotProps={{ htmlInput: { 'data-testid': 'facility-action' } }}
            >
              {facilityActions.map((a) => (
                <MenuItem key={a} value={a}>
                  {facilityActionLabels[a]}
                </MenuItem>
              ))}
            </TextField>
            <DatePartsField label={DATE_LABEL[action]} value={on} onChange={setOn} testId="facility-on" autoFocus />
            {needsFacility && (
              <>
                <TextField
                  select
                  label="施設種別"
                  value={facilityType}
                  onChange={(e) => setFacilityType(e.target.value)}
                  slotProps={{ htmlInput: { 'data-testid': 'facility-type' } }}
                >
                  {types.map((t) => (
                    <MenuItem key={t} value={t}>
                      {t}
                    </MenuItem>
                  ))}
                </TextField>
                <TextField
                  label="施設名称"
                  value={facilityName}
                  onChange={(e) => setFacilityName(e.target.value)}
                  slotProps={{ htmlInput: { 'data-testid': 'facility-name', maxLength: 100 } }}
                />
                {residence && (
                  <TextField
                    label="施設所在市町村"
                    value={facilityMunicipality}
                    onChange={(e) => setFacilityMunicipality(e.target.value)}
                    placeholder="例: 埼玉県所沢市"
                    slotProps={{ htmlInput: { 'data-testid': 'facility-municipality', maxLength: 100 } }}
                  />
                )}
              </>
            )}
            {action === 'residenceExceptionEnd' && (
              <TextField
                select
                label="退所後"
                value={outcome}
                onChange={(e) => setOutcome(e.target.value as ResidenceExceptionOutcome)}
              >
                {residenceExceptionOutcomes.map((o) => (
                  <MenuItem key={o} value={o}>
                    {residenceExceptionOutcomeLabels[o]}
                  </MenuItem>
                ))}
              </TextField>
            )}
            {action === 'residenceExceptionEnd' && outcome === 'movedElsewhere' && (
              <DatePartsField
                label="転出先に住所を有するに至った日（分かるとき）"
                value={elsewhere}
                onChange={setElsewhere}
                testId="facility-elsewhere"
                hint="退所日と同じ日なら喪失日は退所日、不明・翌日以降なら退所日の翌日です"
              />
            )}
            {residence && action === 'residenceExceptionStart' && (
              <Typography variant="body2" color="text.secondary">
                他市町村の対象施設に入所し住民票を移しても、新宿区が保険者のままです（地域密着型施設・グループホーム等は対象外）。
              </Typography>
            )}
          </Stack>
          <Stack sx={{ height: 4, mt: 2 }}>{busy && <LinearProgress aria-label="記録中" />}</Stack>
          {error && (
            <Alert severity="error" role="alert" sx={{ mt: 1 }}>
              {error}
            </Alert>
          )}
          {result && (
            <Alert severity="success" sx={{ mt: 1 }} data-testid="facility-result">
              {result.recorded === 0 ? '既に記録されています。' : `記録しました（${result.recorded}件）。`}
              {result.lostOn && `資格喪失日 ${formatWareki(result.lostOn)}。`}
              {result.acquiredOn && `資格取得日 ${formatWareki(result.acquiredOn)}。`}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>閉じる (Esc)</Button>
          <Button type="submit" variant="contained" data-testid="facility-submit">
            記録 (Enter)
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  )
}
