import type { BankAccountRevision } from '../../../../../../shared/api/direct-debit'

/** A revision of an account as the server answers it (dummy bank and holder). */
export const revision = (over: Partial<BankAccountRevision> = {}): BankAccountRevision => ({
  accountId: 5,
  revision: 1,
  validFrom: '2026-04-01',
  validTo: null,
  bankCode: '0001',
  bankName: 'みずほ銀行',
  branchCode: '001',
  branchName: '東京営業部',
  accountType: '1',
  accountNumber: '1234567',
  holderKana: 'ﾃｽﾄ ﾀﾛｳ',
  action: 'register',
  reason: '申出',
  recordedAt: '2026-03-20T01:00:00.000Z',
  ...over,
})
