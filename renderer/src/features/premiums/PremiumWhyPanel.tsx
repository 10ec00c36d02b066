import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { assessmentReasonLabels, type AssessmentVersion } from '../../../../shared/api/premiums'
import { WarekiDate } from '../../components/WarekiDate'
import { monthLabel, roundingLabel, taxStatusLabel, yen } from './premium-view'

/** A household member as the person view knows them (withheld 支援措置 members are not among them). */
export interface KnownMember {
  id: number
  name: string
  relationship: string
}

function Heading(props: { children: React.ReactNode }) {
  return (
    <Typography variant="subtitle2" component="h5" sx={{ fontWeight: 700, mt: 1.5 }}>
      {props.children}
    </Typography>
  )
}

function Facts(props: { label: string; rows: readonly [string, React.ReactNode][]; testId?: string }) {
  return (
    <Table size="small" aria-label={props.label} data-testid={props.testId}>
      <TableBody>
        {props.rows.map(([label, value]) => (
          <TableRow key={label}>
            <TableCell component="th" scope="row" sx={{ width: 220, color: 'text.secondary', py: 0.5 }}>
              {label}
            </TableCell>
            <TableCell sx={{ py: 0.5 }}>{value}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}

function Periods(props: { periods: readonly { from: string; to: string | null }[]; none: string }) {
  if (props.periods.length === 0) return <>{props.none}</>
  return (
    <>
      {props.periods.map((p, i) => (
        <span key={i} style={{ display: 'block' }}>
          <WarekiDate date={p.from} /> 〜 {p.to ? <WarekiDate date={p.to} /> : '継続中'}
        </span>
      ))}
    </>
  )
}

/**
 * なぜこの金額か: the explanation stored with the version (the inputs as they were read and every step of the domain
 * functions), so that staff can answer a resident's call and an auditor can re-check the amount. Nothing here is
 * recomputed in the renderer.
 */
export function PremiumWhyPanel(props: { version: AssessmentVersion; members: readonly KnownMember[] }) {
  const v = props.version
  const x = v.explanation
  const memberName = (personId: number) => {
    if (personId === v.personId) return '本人'
    const m = props.members.find((k) => k.id === personId)
    return m ? `${m.name}（${m.relationship}）` : '世帯員（表示しない方）'
  }
  const reductions = x.steps.filter((s) => s.includes('減免'))
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="premium-why" data-version-id={v.id}>
      <Typography variant="subtitle1" component="h4" sx={{ fontWeight: 700 }}>
        算定の根拠（{v.fiscalYear}年度 第{v.version}版・{assessmentReasonLabels[v.reason]}）
      </Typography>

      <Heading>賦課期日と世帯（賦課期日現在の課税状況）</Heading>
      <Facts label="賦課期日" rows={[['賦課期日', <WarekiDate key="d" date={x.assessmentDate} />]]} />
      <Table size="small" aria-label="世帯員の課税状況" data-testid="premium-why-household">
        <TableHead>
          <TableRow>
            <TableCell>世帯員</TableCell>
            <TableCell>住民税</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {x.household.map((m) => (
            <TableRow key={m.personId}>
              <TableCell>{memberName(m.personId)}</TableCell>
              <TableCell>{taxStatusLabel(m.taxable)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>

      <Heading>本人の住民税課税情報</Heading>
      {x.taxRecord ? (
        <Facts
          label="住民税課税情報"
          testId="premium-why-income"
          rows={[
            ['課税区分', x.taxRecord.taxable ? '課税' : '非課税'],
            ['合計所得金額', yen(x.taxRecord.totalIncome)],
            ['公的年金等収入金額', yen(x.taxRecord.publicPensionIncome)],
            ['公的年金等に係る雑所得', yen(x.taxRecord.pensionMiscIncome)],
            ['給与所得', yen(x.taxRecord.salaryIncome)],
            ['非課税年金（遺族・障害）の受給', x.taxRecord.taxExemptPension ? 'あり' : 'なし'],
            ['課税情報の版', `第${x.taxRecord.revision}版（記録番号 ${x.taxRecord.id}）`],
          ]}
        />
      ) : (
        <Typography variant="body2" data-testid="premium-why-income">
          住民税課税情報がありません
        </Typography>
      )}
      <Facts
        label="保険料算定に用いる所得"
        rows={[
          ['合計所得金額（保険料算定用）', yen(x.incomesForPremium.totalIncome)],
          ['年金収入等（公的年金等収入＋その他の合計所得）', yen(x.incomesForPremium.pensionAndOtherIncome)],
        ]}
      />

      <Heading>資格の期間と月数</Heading>
      <Facts
        label="資格の期間"
        rows={[
          [
            '被保険者期間',
            <Periods key="p" periods={x.insuredPeriods.map((p) => ({ from: p.from, to: p.lostOn }))} none="なし" />,
          ],
          ['賦課の月数', `${v.liableMonths}か月`],
          ['生活保護', <Periods key="a" periods={x.publicAssistance} none="なし" />],
          ['老齢福祉年金', <Periods key="o" periods={x.oldAgeWelfarePension} none="なし" />],
        ]}
      />

      <Heading>保険料率表と段階（表の行）</Heading>
      <Facts
        label="保険料率表"
        testId="premium-why-table"
        rows={[
          ['料率表の版', x.table.version],
          ['基準額（年額）', yen(x.table.basePremium)],
          ['年額の端数処理', roundingLabel(x.table.rounding)],
          ['月割の端数処理', roundingLabel(x.table.prorationRounding)],
          ['年金収入等の区分の境界', yen(x.table.pensionIncomeBoundary)],
        ]}
      />
      <Table size="small" aria-label="段階" data-testid="premium-why-stages">
        <TableHead>
          <TableRow>
            <TableCell>段階</TableCell>
            <TableCell>期間</TableCell>
            <TableCell align="right">月数</TableCell>
            <TableCell align="right">金額</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {v.intervals.map((i) => (
            <TableRow key={`${i.stage}-${i.fromMonth}`}>
              <TableCell>第{i.stage}段階</TableCell>
              <TableCell>
                {monthLabel(i.fromMonth)}〜{monthLabel(i.toMonth)}
              </TableCell>
              <TableCell align="right">{i.months}か月</TableCell>
              <TableCell align="right">{yen(i.amount)}</TableCell>
            </TableRow>
          ))}
          <TableRow>
            <TableCell colSpan={3}>年額</TableCell>
            <TableCell align="right" data-testid="premium-why-annual">
              {yen(v.annualAmount)}
            </TableCell>
          </TableRow>
        </TableBody>
      </Table>

      <Heading>減免</Heading>
      <Typography variant="body2" data-testid="premium-why-reductions">
        {reductions.length === 0 ? 'この版に減免の適用はありません' : reductions.join('／')}
      </Typography>

      {x.unverified.length > 0 && (
        <Alert severity="warning" sx={{ mt: 1.5 }} data-testid="premium-why-unverified">
          条例との照合が済んでいない区の既定値を用いています:
          {x.unverified.map((u) => (
            <Box key={u} component="span" sx={{ display: 'block' }}>
              ⚠️ {u}
            </Box>
          ))}
        </Alert>
      )}

      <Heading>計算の過程</Heading>
      <Stack component="ol" sx={{ m: 0, pl: 3 }} data-testid="premium-why-steps">
        {x.steps.map((s, i) => (
          <Typography key={i} component="li" variant="body2" data-testid="premium-why-step">
            {s}
          </Typography>
        ))}
      </Stack>
    </Paper>
  )
}
