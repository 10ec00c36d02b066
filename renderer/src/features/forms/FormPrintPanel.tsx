import { useEffect, useRef } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import { useFormPrinter } from './use-printing'
import { PrinterSelect } from '../../components/PrinterSelect'

/**
 * Printing an issued form (control C-28): the printers come from main with the reason each refused one is refused
 * (virtual PDF/XPS printers, printers outside the terminal policy); the PDF goes renderer → IPC → main, which checks
 * the allowlist, has the server audit the print (form and persons) and only then prints. Never window.print.
 */
export function FormPrintPanel(props: { form: string; personIds: number[]; pdfBase64: string; testId: string }) {
  const { printers, printer, setPrinter, busy, message, print } = useFormPrinter(
    props.form,
    props.personIds,
    props.pdfBase64,
  )

  // F12 prints while the panel is shown (the dialog's function key, as on the ward's terminals).
  const printRef = useRef<() => void>(() => undefined)
  useEffect(() => {
    printRef.current = () => void print()
  })
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F12') return
      e.preventDefault()
      printRef.current()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const none = printers !== null && !printers.some((p) => p.allowed)
  return (
    <Stack spacing={1} sx={{ mt: 2 }} data-testid={`${props.testId}-print`}>
      <Stack direction="row" spacing={1} alignItems="center">
        <PrinterSelect
          printers={printers}
          value={printer}
          onChange={setPrinter}
          disabled={printers === null || none}
          testId={`${props.testId}-printer`}
        />
        <Button
          variant="outlined"
          onClick={() => void print()}
          disabled={busy || !printer}
          data-testid={`${props.testId}-print-button`}
        >
          印刷 (F12)
        </Button>
      </Stack>
      {none && <Alert severity="warning">この端末で使用できるプリンタがありません（端末ポリシー）</Alert>}
      {message && (
        <Alert
          severity={message.ok ? 'success' : 'error'}
          role={message.ok ? 'status' : 'alert'}
          data-testid={`${props.testId}-print-result`}
        >
          {message.text}
        </Alert>
      )}
    </Stack>
  )
}
