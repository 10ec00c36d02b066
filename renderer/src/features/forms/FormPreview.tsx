import type { ReactNode } from 'react'
import Paper from '@mui/material/Paper'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import type { PrintedPersonItems } from '../../../../shared/forms/contract'
import { WarekiDate } from '../../components/WarekiDate'

/**
 * The on-screen preview of an issued form: the items its PDF prints, in the same order and wording, dates in 和暦
 * (Western date on hover). The renderer does not frame the PDF itself (CSP); it prints through main.
 */
export function FormPreview(props: {
  title: string
  testId: string
  items: PrintedPersonItems
  extra?: readonly (readonly [string, ReactNode])[]
}) {
  const c = props.items
  const rows: [string, ReactNode][] = [
    ['被保険者番号', <span key="n">{c.insuredNumber}</span>],
    ['住所', c.address ?? '（窓口で記入）'],
    ['フリガナ', c.nameKana],
    ['氏名', c.name],
    ['生年月日', <WarekiDate key="b" date={c.birthDate} />],
    ['性別', c.sex === 'male' ? '男' : '女'],
    ['被保険者区分', `${c.category === 1 ? '第1号' : '第2号'}被保険者`],
    ['資格取得年月日', <WarekiDate key="a" date={c.acquiredOn} />],
    ['保険者番号・名称', `${c.insurerNumber}\u3000${c.insurerName}`],
    ...(props.extra ?? []).map(([label, value]) => [label, value] as [string, ReactNode]),
  ]
  return (
    <Paper variant="outlined" sx={{ mt: 2, p: 2 }} data-testid={props.testId} aria-label={`${props.title}の印字内容`}>
      <Typography variant="h6" component="p" align="center">
        {props.title}
      </Typography>
      <Table size="small">
        <TableBody>
          {rows.map(([label, value]) => (
            <TableRow key={label}>
              <TableCell component="th" scope="row" sx={{ width: 180, color: 'text.secondary' }}>
                {label}
              </TableCell>
              <TableCell>{value}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  )
}
