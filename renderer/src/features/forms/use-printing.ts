import { useCallback, useEffect, useState } from 'react'
import type { PrinterList } from '../../../../shared/api/print'
import { api } from '../../platform/bridge'
import { useRequest } from '../../lib/request'

/**
 * Printing (control C-28): main lists the printers with the reason each refused one is refused, checks the allowlist
 * again, has the server audit the print (form and persons) and only then prints. Never window.print.
 */
export function usePrinting() {
  const printLedger = useCallback(
    async (known: string | null): Promise<{ ok: true; printer: string } | { ok: false; message: string }> => {
      let target = known
      if (!target) {
        const list = await api.print.printers({})
        if (!list.ok) return { ok: false, message: list.message }
        target = list.value.printers.find((p) => p.allowed)?.name ?? null
        if (!target) return { ok: false, message: 'この端末で使用できるプリンタがありません' }
      }
      const res = await api.print.print({ form: '持出管理簿', printer: target, personIds: [] })
      return res.ok ? { ok: true, printer: target } : { ok: false, message: res.message }
    },
    [],
  )
  return { printLedger }
}

/** The printers of the terminal for a form, the one chosen (the first allowed), and printing its PDF. */
export function useFormPrinter(form: string, personIds: readonly number[], pdfBase64: string) {
  const [printers, setPrinters] = useState<PrinterList['printers'] | null>(null)
  const [printer, setPrinter] = useState('')
  const [listError, setListError] = useState<string | null>(null)
  const printing = useRequest(api.print.print)
  const [printedOn, setPrintedOn] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    void api.print.printers({}).then((res) => {
      if (!live) return
      if (!res.ok) return setListError(res.message)
      setPrinters(res.value.printers)
      setPrinter(res.value.printers.find((p) => p.allowed)?.name ?? '')
    })
    return () => {
      live = false
    }
  }, [])

  async function print() {
    if (printing.busy || !printer) return
    setPrintedOn(null)
    setListError(null)
    const res = await printing.run({
      form,
      printer,
      personIds: [...personIds],
      document: { kind: 'pdf', base64: pdfBase64 },
    })
    if (res?.ok) setPrintedOn(printer)
  }

  const error = printing.error ?? listError
  const message = printedOn
    ? { ok: true, text: `${printedOn} に印刷しました` }
    : error
      ? { ok: false, text: error }
      : null
  return { printers, printer, setPrinter, busy: printing.busy, message, print }
}
