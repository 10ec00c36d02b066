import Alert from '@mui/material/Alert'
import Chip from '@mui/material/Chip'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { useCallback, useEffect } from 'react'
import type { UserProfile } from '../../../../shared/api/auth'
import {
  caseEventLabels,
  caseKindLabels,
  urgentFlagLabels,
  type ClockBoard,
} from '../../../../shared/api/certification-cases'
import { FunctionKeyBar } from '../../components/FunctionKeyBar'
import { WarekiDate } from '../../components/WarekiDate'
import { useRequest } from '../../lib/request'
import { api } from '../../platform/bridge'
import { BarChart } from '../admin/BarChart'
import { clockStageLabels, clockStatusColor, clockStatusLabels } from './labels'

const queueLabels: Record<keyof ClockBoard['queues'], string> = {
  urgent: '優先（末期がん・退院調整）',
  surveyOverdue: '調査の期限超過',
  surveyNotDone: '調査未実施',
  opinionReminderDue: '意見書の督促時期',
  opinionNotReceived: '意見書未着',
  notAssigned: '資料完備・審査会未割当',
}

function Queues(props: { board: ClockBoard }) {
  return (
    <Stack direction="row" spacing={1} flexWrap="wrap" data-testid="clock-queues">
      {(Object.keys(queueLabels) as (keyof ClockBoard['queues'])[]).map((q) => (
        <Chip
          key={q}
          label={`${queueLabels[q]} ${props.board.queues[q].length}件`}
          color={
            props.board.queues[q].length > 0 && q !== 'surveyNotDone' && q !== 'opinionNotReceived'
              ? 'warning'
              : 'default'
          }
          data-testid={`clock-queue-${q}`}
        />
      ))}
    </Stack>
  )
}

/**
 * The 30-day clock board (docs/sources/certification.md §0, §8(b)): every open case with its stage, days since the
 * application, days left, the open stages with their targets and the predicted notice date; the queues; the cases
 * that need a 延期通知; the renewals due within 60 days; lead times per office and clinic (median and 90th percentile)
 * and both clocks. F5 再読込, Esc 戻る.
 */
export function ClockBoardScreen(props: { user: UserProfile; onClose(): void }) {
  const board = useRequest(api.certification.clockBoard, 'latest')
  const { run } = board
  const refresh = useCallback(() => void run({ months: 12 }), [run])
  useEffect(refresh, [refresh])
  const b = board.data
  return (
    <Stack sx={{ flex: 1, minHeight: 0 }}>
      <Stack spacing={2} sx={{ p: 2, flex: 1, overflow: 'auto' }} data-testid="clock-board">
        <Typography variant="h5" component="h2" sx={{ fontWeight: 700 }}>
          認定の進捗管理（30日ボード）{b ? `— ${b.asOf} 現在 処理中 ${b.rows.length}件` : ''}
        </Typography>
        {board.error && <Alert severity="error">{board.error}</Alert>}
        {b && <Queues board={b} />}
        {b && b.delayNotices.length > 0 && (
          <Alert severity="warning" data-testid="clock-delay-notices">
            延期通知が必要な申請 {b.delayNotices.length}件:{' '}
            {b.delayNotices
              .map((d) => `#${d.caseId} ${d.personName}（見込 ${d.expectedOn}、${d.issueBy}までに発送）`)
              .join('、')}
          </Alert>
        )}
        {b && (
          <Paper>
            <Table size="small" data-testid="clock-rows">
              <TableHead>
                <TableRow>
                  <TableCell>申請</TableCell>
                  <TableCell>氏名</TableCell>
                  <TableCell>申請日</TableCell>
                  <TableCell>段階</TableCell>
                  <TableCell>経過</TableCell>
                  <TableCell>残り</TableCell>
                  <TableCell>未了の段階（目標日）</TableCell>
                  <TableCell>通知見込</TableCell>
                  <TableCell>状態</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {b.rows.map((r) => (
                  <TableRow key={r.caseId} data-testid="clock-row">
                    <TableCell>
                      #{r.caseId} {caseKindLabels[r.kind]}
                      {r.urgentFlags.map((f) => (
                        <Chip key={f} size="small" color="error" label={urgentFlagLabels[f]} sx={{ ml: 0.5 }} />
                      ))}
                    </TableCell>
                    <TableCell>{r.personName}</TableCell>
                    <TableCell>
                      <WarekiDate date={r.appliedOn} />
                    </TableCell>
                    <TableCell data-testid="clock-row-stage">{caseEventLabels[r.stage]}</TableCell>
                    <TableCell>{r.clock.daysSinceApplication}日</TableCell>
                    <TableCell>{r.clock.daysLeft}日</TableCell>
                    <TableCell>
                      {r.clock.stages
                        .filter((s) => s.state !== 'done')
                        .map(
                          (s) =>
                            `${clockStageLabels[s.stage] ?? s.stage} ${s.due}${s.state === 'overdue' ? '（超過）' : ''}`,
                        )
                        .join('、')}
                    </TableCell>
                    <TableCell>{r.clock.predictedNoticeOn}</TableCell>
                    <TableCell>
                      <Chip
                        size="small"
                        color={clockStatusColor[r.clock.status]}
                        label={clockStatusLabels[r.clock.status]}
                      />
                      {r.delayNoticeNeeded && <Chip size="small" color="warning" label="延期通知" sx={{ ml: 0.5 }} />}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Paper>
        )}
        {b && (
          <Paper sx={{ p: 2 }} data-testid="clock-renewals">
            <Typography variant="subtitle1" sx={{ fontWeight: 700 }}>
              更新申請の対象（60日以内に満了） {b.renewalsDue.length}件
            </Typography>
            {b.renewalsDue.slice(0, 50).map((r) => (
              <Typography key={r.certificationId} variant="body2">
                {r.personName} {r.level} — 満了 {r.validTo}（受付 {r.opensOn} から）{r.applied ? ' 申請済み' : ''}
              </Typography>
            ))}
          </Paper>
        )}
        {b && (
          <Stack direction={{ xs: 'column', lg: 'row' }} spacing={2}>
            <Paper sx={{ p: 2, flex: 1 }}>
              <BarChart
                title="認定調査 依頼→実施 90パーセンタイル（事業所別・目標7日）"
                bars={b.leadTimes.survey.map((g) => ({ label: g.name, value: g.p90 }))}
                testId="clock-chart-survey"
                unit="日"
              />
            </Paper>
            <Paper sx={{ p: 2, flex: 1 }}>
              <BarChart
                title="主治医意見書 依頼→受領 90パーセンタイル（医療機関別・目標13日）"
                bars={b.leadTimes.opinion.map((g) => ({ label: g.name, value: g.p90 }))}
                testId="clock-chart-opinion"
                unit="日"
              />
            </Paper>
            <Paper sx={{ p: 2, flex: 1 }} data-testid="clock-both-clocks">
              <BarChart
                title="二つの時計（中央値・90パーセンタイル）"
                bars={[b.leadTimes.legal, b.leadTimes.statistic].flatMap((g) =>
                  g
                    ? [
                        { label: `${g.name} 中央値`, value: g.median },
                        { label: `${g.name} 90%`, value: g.p90 },
                      ]
                    : [],
                )}
                testId="clock-chart-clocks"
                unit="日"
              />
            </Paper>
          </Stack>
        )}
      </Stack>
      <FunctionKeyBar
        keys={[
          { key: 'Escape', label: '戻る', action: props.onClose },
          { key: 'F5', label: '再読込', action: refresh },
        ]}
      />
    </Stack>
  )
}
