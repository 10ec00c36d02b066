import type { ReliefApplication } from '../../../../../../shared/api/premium-reductions'

/** An application as the server answers it (dummy resident and staff). */
export const application = (over: Partial<ReliefApplication> = {}): ReliefApplication => ({
  id: 7,
  personId: 41,
  person: { name: '試験 花子', insuredNumber: '0000000041' },
  fiscalYear: 2026,
  kind: 'reduction',
  reliefReason: 'disaster',
  seqs: [],
  figures: { damagePercent: 60, previousIncome: null, expectedIncome: null },
  documents: ['り災証明書'],
  receivedOn: '2026-08-03',
  requestedDeferredUntil: null,
  note: '',
  recordedBy: { loginId: 'fuka01', displayName: '賦課 一郎' },
  recordedAt: '2026-08-03T01:00:00.000Z',
  status: 'pending',
  proposal: { amount: 36_840, base: 73_680, notEligible: null, steps: ['損害割合 60%: 減免割合 1/2'] },
  decision: null,
  ...over,
})
