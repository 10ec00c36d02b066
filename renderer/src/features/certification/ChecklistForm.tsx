import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Checkbox from '@mui/material/Checkbox'
import FormControlLabel from '@mui/material/FormControlLabel'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { DatePartsField, datePartsToIso, emptyDateParts, type DateParts } from '../../components/DatePartsField'
import { useRequest } from '../../lib/request'
import { api } from '../../platform/bridge'

const ITEMS = 25

/**
 * 基本チェックリスト entry (docs/sources/certification.md §6): 25 answers (checked = はい; number keys are not needed —
 * Space toggles, Tab moves on), the answer date, and the 事業対象者 registration when the criteria are met. The
 * criteria are computed on the server (basicChecklistResult) and shown with the result.
 */
export function ChecklistForm(props: { personId: number; onDone(): void }) {
  const [answers, setAnswers] = useState<boolean[]>(Array.from({ length: ITEMS }, () => false))
  const [on, setOn] = useState<DateParts>(emptyDateParts())
  const [register, setRegister] = useState(false)
  const record = useRequest(api.certification.recordChecklist)
  async function submit() {
    const answeredOn = datePartsToIso(on)
    if (!answeredOn) return record.setError('回答日を入力してください')
    const res = await record.run({
      personId: props.personId,
      answeredOn,
      answers,
      registerParticipant: register,
      idempotencyKey: crypto.randomUUID(),
    })
    if (res?.ok) props.onDone()
  }
  return (
    <Stack spacing={1} data-testid="checklist-form">
      <Typography variant="subtitle2">基本チェックリスト（はい に✓）</Typography>
      <Stack direction="row" flexWrap="wrap">
        {answers.map((a, i) => (
          <FormControlLabel
            key={i}
            sx={{ width: 70 }}
            label={String(i + 1)}
            control={
              <Checkbox
                size="small"
                checked={a}
                onChange={(e) => setAnswers((x) => x.map((v, j) => (j === i ? e.target.checked : v)))}
                slotProps={{
                  input: { 'aria-label': `質問${i + 1}`, 'data-testid': `checklist-answer-${i + 1}` } as never,
                }}
              />
            }
          />
        ))}
      </Stack>
      <Stack direction="row" spacing={1} alignItems="center">
        <DatePartsField label="回答日" value={on} onChange={setOn} testId="checklist-answered-on" />
        <FormControlLabel
          label="基準に該当すれば事業対象者に登録"
          control={<Checkbox size="small" checked={register} onChange={(e) => setRegister(e.target.checked)} />}
        />
        <Button variant="contained" onClick={() => void submit()} disabled={record.busy} data-testid="checklist-submit">
          登録
        </Button>
      </Stack>
      {record.error && <Alert severity="error">{record.error}</Alert>}
      {record.data && (
        <Alert severity="info" data-testid="checklist-result">
          該当: {record.data.checklist.criteria.join('・') || 'なし'}
          {record.data.participant ? '（事業対象者に登録しました）' : ''}
        </Alert>
      )}
    </Stack>
  )
}
