import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { BATCH_REFUSED_LIST_LIMIT, type BatchRunDetail } from '../../../../shared/api/premium-batches'
import { NoticeBatchPrint } from './notices/NoticeBatchPrint'
import { signedYen, yen } from './premium-view'

const persons = (n: number) => `${n.toLocaleString('ja-JP')}人`
const stage = (s: number | null) => (s === null ? '—' : `第${s}段階`)
const amount = (a: number | null) => (a === null ? '（なし）' : yen(a))

/**
 * What a dry run found: the counts and totals, per stage, the persons the rules refuse (with the reason) and one page
 * of the persons whose commit writes a new version, old → new (annual amount, stage, Σ of the 期割).
 */
export function BatchRunDetailPanel(props: { detail: BatchRunDetail; busy: boolean; onPage(delta: 1 | -1): void }) {
  const { summary, byStage, refused, diff } = props.detail
  const last = Math.min(diff.offset + diff.rows.length, diff.total)
  return (
    <Stack spacing={2}>
      {/* 通知書を一括印刷: only a committed run (the notices feature). */}
      <NoticeBatchPrint run={summary} />
      <Table size="small" aria-label="試算の概要" data-testid="premium-run-summary">
        <TableBody>
          {(
            [
              ['対象者', persons(summary.persons)],
              ['新しい版を記録する人', persons(summary.newVersions)],
              ['変わらない人', persons(summary.unchanged)],
              ['年額が変わる人', persons(summary.changed)],
              ['自動で賦課できない人（除外）', persons(summary.refused)],
              ['年額の合計', yen(summary.totalAmount)],
              ['現在の賦課との差額', signedYen(summary.differenceAmount)],
              ['料率表の版', summary.tableVersion],
              ['区分（1区分 = 1トランザクション）', `${summary.committedChunks} / ${summary.totalChunks} 反映済み`],
            ] as const
          ).map(([label, value]) => (
            <TableRow key={label}>
              <TableCell component="th" scope="row" sx={{ width: 280, color: 'text.secondary' }}>
                {label}
              </TableCell>
              <TableCell data-testid={`premium-summary-${label}`}>{value}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>

      <Typography variant="subtitle1" component="h4" sx={{ fontWeight: 700 }}>
        段階ごとの集計
      </Typography>
      <Table size="small" aria-label="段階ごとの集計" data-testid="premium-run-stages">
        <TableHead>
          <TableRow>
            <TableCell>段階</TableCell>
            <TableCell align="right">人数</TableCell>
            <TableCell align="right">月数</TableCell>
            <TableCell align="right">金額</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {byStage.length === 0 && (
            <TableRow>
              <TableCell colSpan={4}>対象者はいません</TableCell>
            </TableRow>
          )}
          {byStage.map((s) => (
            <TableRow key={s.stage} data-testid="premium-stage-row">
              <TableCell>第{s.stage}段階</TableCell>
              <TableCell align="right">{persons(s.persons)}</TableCell>
              <TableCell align="right">{s.months.toLocaleString('ja-JP')}か月</TableCell>
              <TableCell align="right">{yen(s.amount)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>

      <Typography variant="subtitle1" component="h4" sx={{ fontWeight: 700 }}>
        除外された人（{persons(summary.refused)}）
      </Typography>
      {refused.length === 0 ? (
        <Typography variant="body2" data-testid="premium-refused-none">
          除外された人はいません
        </Typography>
      ) : (
        <Table size="small" aria-label="除外された人" data-testid="premium-refused">
          <TableHead>
            <TableRow>
              <TableCell>氏名</TableCell>
              <TableCell>理由</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {refused.map((r) => (
              <TableRow key={r.personId} data-testid="premium-refused-row">
                <TableCell>{r.name}</TableCell>
                <TableCell>{r.reason}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {summary.refused > refused.length && (
        <Typography variant="body2" color="text.secondary">
          先頭の{BATCH_REFUSED_LIST_LIMIT.toLocaleString('ja-JP')}人だけを表示しています。
        </Typography>
      )}

      <Stack direction="row" alignItems="center" spacing={2}>
        <Typography variant="subtitle1" component="h4" sx={{ fontWeight: 700, flex: 1 }}>
          差分（新しい版を記録する人）
        </Typography>
        <Typography variant="body2" data-testid="premium-diff-range">
          {diff.total === 0 ? '0人' : `${diff.offset + 1}〜${last}人目 / ${persons(diff.total)}`}
        </Typography>
        <Button size="small" disabled={props.busy || diff.offset === 0} onClick={() => props.onPage(-1)}>
          前へ（F3）
        </Button>
        <Button size="small" disabled={props.busy || last >= diff.total} onClick={() => props.onPage(1)}>
          次へ（F4）
        </Button>
      </Stack>
      <Table size="small" aria-label="差分" data-testid="premium-diff">
        <TableHead>
          <TableRow>
            <TableCell>氏名</TableCell>
            <TableCell>段階（現在 → 新）</TableCell>
            <TableCell align="right">年額（現在 → 新）</TableCell>
            <TableCell align="right">差額</TableCell>
            <TableCell align="right">期割の合計（現在 → 新）</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {diff.rows.length === 0 && (
            <TableRow>
              <TableCell colSpan={5}>新しい版を記録する人はいません</TableCell>
            </TableRow>
          )}
          {diff.rows.map((r) => (
            <TableRow key={r.personId} data-testid="premium-diff-row" data-person-id={r.personId}>
              <TableCell>{r.name}</TableCell>
              <TableCell>
                {stage(r.oldStage)} → {stage(r.newStage)}
              </TableCell>
              <TableCell align="right">
                {amount(r.oldAnnual)} → {yen(r.newAnnual)}
              </TableCell>
              <TableCell align="right">{signedYen(r.newAnnual - (r.oldAnnual ?? 0))}</TableCell>
              <TableCell align="right">
                {amount(r.oldInstallmentsTotal)} → {yen(r.newInstallmentsTotal)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Stack>
  )
}
