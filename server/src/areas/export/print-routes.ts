/**
 * Print audit (control C-28): every print of personal data is recorded before it happens — form, printer and
 * the persons on it (ids only; the audit purpose holds the form and the number of persons).
 */
import { defineRoute } from '../../core/http/route'

export function printRoutes() {
  return [
    defineRoute({
      name: 'print.record',
      access: { kind: 'permission', permission: 'person.read' },
      personalData: true,
      audit: { action: 'print', targetType: 'person' },
      effect: 'create',
      async handle({ input, audit }) {
        audit.targets([...new Set(input.personIds)])
        audit.purpose(`印刷: ${input.form}（${new Set(input.personIds).size}人、${input.printer}）`)
        return { ok: true as const }
      },
    }),
  ]
}
