import { create } from 'zustand'
import type { AccountType, BankAccountRevision, PersonBankAccounts } from '../../../../../shared/api/direct-debit'
import type { IpcResult } from '../../../../../shared/ipc/contract'
import { registerPersonalData } from '../../../app/personal-data-registry'
import { personRecordsLoader } from '../../../lib/person-records'
import { idleRequest, settle, type RequestState } from '../../../lib/request'
import { api } from '../../../platform/bridge'

/** The bank details as typed in the form (the server checks the bank and branch codes against the 全銀 master). */
export interface BankAccountDraft {
  validFrom: string
  validTo: string | null
  bankCode: string
  branchCode: string
  accountType: AccountType
  accountNumber: string
  holderKana: string
  reason: string
}

interface BankAccountState {
  /** The person whose accounts are held (null: none). */
  personId: number | null
  /** The person's accounts and their append-only history: an audited read on the server. */
  accounts: RequestState<PersonBankAccounts>
  /** The last write (register, change, stop): busy, its Japanese error, or what it did. */
  write: RequestState<string>
  load(personId: number): Promise<void>
  /** 口座振替の開始: a new account from `validFrom`. */
  register(personId: number, draft: BankAccountDraft): Promise<boolean>
  /** 口座の変更: a new revision of the account shown (its revision is the rowVersion the server checks). */
  change(account: BankAccountRevision, draft: BankAccountDraft): Promise<boolean>
  /** 口座振替の停止: the last day the account is debited. */
  stop(account: BankAccountRevision, stopOn: string, reason: string): Promise<boolean>
  clearMessage(): void
  reset(): void
}

const empty = { personId: null, accounts: idleRequest, write: idleRequest }

/** The account in force on `date` (the newest start first), or null. */
export function accountInForce(accounts: readonly BankAccountRevision[], date: string): BankAccountRevision | null {
  return (
    accounts.find((a) => a.action !== 'stop' && a.validFrom <= date && (a.validTo === null || date <= a.validTo)) ??
    accounts.find((a) => a.validFrom <= date && (a.validTo === null || date <= a.validTo)) ??
    null
  )
}

/** 「ゆうちょ銀行 〇〇八支店 普通 1234567」 without the holder. */
export const accountLine = (a: Pick<BankAccountRevision, 'bankName' | 'branchName' | 'accountNumber'>): string =>
  `${a.bankName} ${a.branchName} ${a.accountNumber}`

/**
 * The person view's 口座 panel: the person's accounts (the one in force, the history), 口座振替の開始, 口座の変更 and
 * 口座振替の停止. The bank details and the holder's name are a resident's personal data: cleared with the other
 * personal-data stores on logout and lock. Every write carries a fresh idempotency key or the revision it changes.
 */
export const useBankAccountStore = create<BankAccountState>()((set, get) => {
  const records = personRecordsLoader(set, get, {
    key: 'accounts',
    empty,
    call: (personId) => api.premiumRecords.bankAccounts({ personId }),
  })

  async function write<T>(personId: number, call: () => Promise<IpcResult<T>>, done: string): Promise<boolean> {
    if (get().write.busy) return false
    set({ write: { ...idleRequest, busy: true } })
    const res = await call()
    if (get().personId !== personId) return false
    set((s) => ({ write: settle(s.write, res.ok ? { ok: true, value: done } : res) }))
    if (res.ok) await get().load(personId)
    return res.ok
  }

  return {
    ...empty,
    load: records.load,
    register: (personId, draft) =>
      write(
        personId,
        () =>
          api.premiumRecords.registerBankAccount({
            personId,
            ...draft,
            idempotencyKey: crypto.randomUUID(),
          }),
        '口座振替の開始を登録しました',
      ),
    change: (account, draft) =>
      write(
        get().personId ?? -1,
        () =>
          api.premiumRecords.changeBankAccount({
            accountId: account.accountId,
            rowVersion: account.revision,
            ...draft,
          }),
        '口座の変更を登録しました',
      ),
    stop: (account, stopOn, reason) =>
      write(
        get().personId ?? -1,
        () =>
          api.premiumRecords.stopDirectDebit({
            accountId: account.accountId,
            rowVersion: account.revision,
            stopOn,
            reason,
          }),
        '口座振替の停止を登録しました',
      ),
    clearMessage: () => set((s) => ({ write: { ...s.write, error: null, data: null } })),
    reset: () => {
      records.forget()
      set(empty)
    },
  }
})

registerPersonalData('premiumBankAccounts', () => useBankAccountStore.getState().reset())
