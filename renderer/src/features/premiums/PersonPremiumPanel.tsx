import { useEffect, useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Divider from '@mui/material/Divider'
import LinearProgress from '@mui/material/LinearProgress'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import ToggleButton from '@mui/material/ToggleButton'
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup'
import Typography from '@mui/material/Typography'
import { assessmentReasonLabels } from '../../../../shared/api/premiums'
import { fiscalYearOf, todayInJapan } from '../../../../shared/domain'
import { WarekiDate } from '../../components/WarekiDate'
import { useMay } from '../../stores/session-store'
import { NoticeIssuanceHistory } from './notices/NoticeIssuanceHistory'
import { VersionNoticeActions } from './notices/VersionNoticeActions'
import { PremiumWhyPanel, type KnownMember } from './PremiumWhyPanel'
import { shownVersions, usePremiumPersonStore } from './premium-person-store'
import {
  collectionMethodLabels,
  fiscalYearLabel,
  fiscalYearsOf,
  installmentsTotal,
  monthLabel,
  orderedInstallments,
  stagesLabel,
  yen,
} from './premium-view'

/** The year field of 賦課（更正）: the person view's F12 puts the focus there (type the year, Enter assesses). */
export const PREMIUM_ASSESS_FIELD_ID = 'premium-assess-year'

/**
 * 保険料（賦課） of the person view: the fiscal years, the versions of the year shown (reason, date, stages, months,
 * annual amount, 過誤納), the 期割 of the version chosen (特徴/普徴, 期, month, amount, 納期限 in 和暦) and its
 * explanation (the why panel). Reading it is an audited personal-data read (premiums.read); 賦課（更正） for those
 * with premiums.assess. Enter on a version shows it; Enter in the year field assesses.
 */
export function PersonPremiumPanel(props: { personId: number; members: readonly KnownMember[] }) {
  const mayRead = useMay('premiums.read')
  const mayAssess = useMay('premiums.assess')
  const store = usePremiumPersonStore()
  const { assessments, fiscalYear, assessment, load, selectYear, selectVersion, assess } = store
  const { versions, version } = shownVersions(store)
  const { personId } = props
  const [today] = useState(() => todayInJapan(new Date()))
  const [yearText, setYearText] = useState('')

  useEffect(() => {
    if (mayRead) void load(personId)
  }, [load, personId, mayRead])

  if (!mayRead) {
    return (
      <Paper sx={{ p: 2 }} data-testid="person-premium">
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700 }}>
          保険料（賦課）
        </Typography>
        <Divider sx={{ my: 1 }} />
        <Typography variant="body2" color="text.secondary" data-testid="premium-forbidden">
          権限がありません
        </Typography>
      </Paper>
    )
  }

  const shownForPerson = assessments.data?.personId === personId ? assessments.data : null
  const years = shownForPerson ? fiscalYearsOf(shownForPerson.versions) : []
  const targetYear = yearText.trim() === '' ? (fiscalYear ?? fiscalYearOf(today)) : Number(yearText)

  function submitAssess(event: FormEvent) {
    event.preventDefault()
    if (!Number.isInteger(targetYear) || targetYear < 2024 || targetYear > 2100) return
    void assess(personId, targetYear).then((ok) => ok && setYearText(''))
  }

  return (
    <Paper sx={{ p: 2 }} data-testid="person-premium">
      <Stack direction="row" alignItems="center" spacing={2}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700, flex: 1 }}>
          保険料（賦課）
        </Typography>
        {mayAssess && (
          <Stack component="form" direction="row" spacing={1} alignItems="center" onSubmit={submitAssess}>
            <TextField
              size="small"
              label="賦課する年度"
              placeholder={String(targetYear)}
              value={yearText}
              onChange={(e) => setYearText(e.target.value.replace(/[^0-9]/g, '').slice(0, 4))}
              slotProps={{
                htmlInput: { id: PREMIUM_ASSESS_FIELD_ID, inputMode: 'numeric', 'data-testid': 'premium-assess-year' },
              }}
              sx={{ width: 130 }}
            />
            <Button
              type="submit"
              size="small"
              variant="outlined"
              disabled={assessment.busy}
              data-testid="premium-assess"
            >
              賦課（更正）
            </Button>
          </Stack>
        )}
      </Stack>
      <Divider sx={{ my: 1 }} />
      {(assessments.busy || assessment.busy) && <LinearProgress aria-label="読み込み中" />}
      {assessments.error && (
        <Alert severity="error" role="alert" data-testid="premium-load-error">
          {assessments.error}
        </Alert>
      )}
      {assessment.error && (
        <Alert severity="error" role="alert" data-testid="premium-assess-error">
          {assessment.error}
        </Alert>
      )}
      {assessment.data && (
        <Alert severity={assessment.data.changed ? 'success' : 'info'} data-testid="premium-assess-result">
          {assessment.data.changed
            ? `${assessment.data.assessment.fiscalYear}年度を賦課しました（第${assessment.data.assessment.version}版・${assessmentReasonLabels[assessment.data.assessment.reason]}・年額 ${yen(assessment.data.assessment.annualAmount)}）`
            : `${assessment.data.assessment.fiscalYear}年度は現在の賦課（第${assessment.data.assessment.version}版）から変わりません`}
        </Alert>
      )}
      {shownForPerson && years.length === 0 && (
        <Typography variant="body2" color="text.secondary" data-testid="premium-none">
          賦課の記録はありません
        </Typography>
      )}
      {years.length > 0 && fiscalYear !== null && (
        <Stack spacing={1.5}>
          <ToggleButtonGroup
            size="small"
            exclusive
            value={fiscalYear}
            onChange={(_, y: number | null) => y !== null && selectYear(y)}
            aria-label="年度"
          >
            {years.map((y) => (
              <ToggleButton key={y} value={y} data-testid="premium-year" data-fiscal-year={y}>
                {fiscalYearLabel(y)}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>

          <Table size="small" aria-label="賦課の版" data-testid="premium-versions">
            <TableHead>
              <TableRow>
                <TableCell>版</TableCell>
                <TableCell>理由</TableCell>
                <TableCell>賦課日</TableCell>
                <TableCell>段階</TableCell>
                <TableCell align="right">月数</TableCell>
                <TableCell align="right">年額</TableCell>
                <TableCell align="right">過誤納</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {versions.map((v, i) => (
                <TableRow
                  key={v.id}
                  hover
                  tabIndex={0}
                  selected={v.id === version?.id}
                  aria-selected={v.id === version?.id}
                  onClick={() => selectVersion(v.id)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') selectVersion(v.id)
                  }}
                  sx={{ cursor: 'pointer' }}
                  data-testid="premium-version-row"
                  data-version-id={v.id}
                >
                  <TableCell>
                    第{v.version}版{i === 0 ? '（現在）' : ''}
                  </TableCell>
                  <TableCell data-testid="premium-version-reason">{assessmentReasonLabels[v.reason]}</TableCell>
                  <TableCell>
                    <WarekiDate date={v.assessedOn} />
                  </TableCell>
                  <TableCell>{stagesLabel(v.intervals)}</TableCell>
                  <TableCell align="right">{v.liableMonths}か月</TableCell>
                  <TableCell align="right" data-testid="premium-version-annual">
                    {yen(v.annualAmount)}
                  </TableCell>
                  <TableCell align="right">{v.overpaidAmount === 0 ? '—' : yen(v.overpaidAmount)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>

          {version && (
            <>
              {/* 決定通知書・変更通知書 and 納付書 of `version` (the notices feature). */}
              <VersionNoticeActions personId={personId} version={version} />
              <Typography variant="subtitle2" component="h4" sx={{ fontWeight: 700 }}>
                期割（第{version.version}版）
              </Typography>
              {version.installments.length === 0 ? (
                <Typography variant="body2" color="text.secondary" data-testid="premium-installments-none">
                  期割はありません
                </Typography>
              ) : (
                <Table size="small" aria-label="期割" data-testid="premium-installments">
                  <TableHead>
                    <TableRow>
                      <TableCell>徴収方法</TableCell>
                      <TableCell>期</TableCell>
                      <TableCell>期間</TableCell>
                      <TableCell align="right">金額</TableCell>
                      <TableCell>納期限</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {orderedInstallments(version.installments).map((i) => (
                      <TableRow key={`${i.method}-${i.seq}`} data-testid="premium-installment-row">
                        <TableCell>{collectionMethodLabels[i.method]}</TableCell>
                        <TableCell>第{i.seq}期</TableCell>
                        <TableCell>{monthLabel(i.period)}</TableCell>
                        <TableCell align="right">{yen(i.amount)}</TableCell>
                        <TableCell>
                          <WarekiDate date={i.dueDate} />
                        </TableCell>
                      </TableRow>
                    ))}
                    <TableRow>
                      <TableCell colSpan={3}>合計</TableCell>
                      <TableCell align="right" data-testid="premium-installments-total">
                        {yen(installmentsTotal(version.installments))}
                      </TableCell>
                      <TableCell />
                    </TableRow>
                  </TableBody>
                </Table>
              )}
              <PremiumWhyPanel version={version} members={props.members} />
              <NoticeIssuanceHistory personId={personId} />
            </>
          )}
        </Stack>
      )}
    </Paper>
  )
}
