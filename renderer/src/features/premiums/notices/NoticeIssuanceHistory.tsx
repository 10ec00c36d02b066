import { useEffect } from 'react'
import Alert from '@mui/material/Alert'
import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { WarekiDate } from '../../../components/WarekiDate'
import { fiscalYearLabel } from '../premium-view'
import { addressSourceLabels, issuanceLabel, newestFirst } from './notice-view'
import { useNoticeStore } from './notice-store'

/**
 * The person's 通知書の発行履歴 (issuance ledger): when, which year and version, which 帳票 (納付書 with its 期), to
 * which address, single or in a batch. An audited personal-data read (premiums.read), loaded with the panel.
 */
export function NoticeIssuanceHistory(props: { personId: number }) {
  const { issuances, loadIssuances } = useNoticeStore()
  const { personId } = props

  useEffect(() => {
    void loadIssuances(personId)
  }, [loadIssuances, personId])

  const shown = issuances.data?.personId === personId ? newestFirst(issuances.data.issuances) : null
  return (
    <Stack spacing={1} data-testid="premium-notice-history">
      <Typography variant="subtitle2" component="h4" sx={{ fontWeight: 700 }}>
        通知書の発行履歴
      </Typography>
      {issuances.busy && <LinearProgress aria-label="読み込み中" />}
      {issuances.error && (
        <Alert severity="error" role="alert" data-testid="premium-notice-history-error">
          {issuances.error}
        </Alert>
      )}
      {shown && shown.length === 0 && (
        <Typography variant="body2" color="text.secondary" data-testid="premium-notice-history-none">
          発行の記録はありません
        </Typography>
      )}
      {shown && shown.length > 0 && (
        <Table size="small" aria-label="通知書の発行履歴">
          <TableHead>
            <TableRow>
              <TableCell>発行日</TableCell>
              <TableCell>年度</TableCell>
              <TableCell>版</TableCell>
              <TableCell>帳票</TableCell>
              <TableCell>宛先</TableCell>
              <TableCell>発行</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map((i) => (
              <TableRow key={i.id} data-testid="premium-notice-issuance" data-kind={i.kind}>
                <TableCell>
                  <WarekiDate date={i.issuedOn} />
                </TableCell>
                <TableCell>{fiscalYearLabel(i.fiscalYear)}</TableCell>
                <TableCell>第{i.version}版</TableCell>
                <TableCell data-testid="premium-notice-issuance-kind">{issuanceLabel(i)}</TableCell>
                <TableCell>{addressSourceLabels[i.addressSource]}</TableCell>
                <TableCell>{i.batchId === null ? '個別' : '一括'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Stack>
  )
}
