import { defineRoute } from '../../../core/http/route'
import { loadPerson } from '../../persons'
import { accountOwner, changeBankAccount, personBankAccounts, registerBankAccount, stopDirectDebit } from './accounts'
import { approveDirectDebitFile, directDebitDryRun, downloadDirectDebitFile, prepareDirectDebitFile } from './requests'

/**
 * 口座振替 routes: a person's 口座 (read, register, change, stop — every one audited with the person, through
 * `loadPerson`'s checks) and the 口座振替依頼 file of a 振替日 (dry run, then the recorded download). Thin: parse →
 * the service → answer.
 */
export function directDebitRoutes() {
  return [
    defineRoute({
      name: 'premiums.bankAccounts',
      access: { kind: 'permission', permission: 'premiums.bankAccount' },
      personalData: true,
      audit: { action: 'premiums.bankAccounts' },
      effect: 'read',
      async handle({ input, db, user, audit, permissions }) {
        audit.targets([input.personId])
        const { person } = await loadPerson(db, input.personId, 'premiums.bankAccount', { permissions, user })
        audit.purpose('口座振替の口座の参照')
        return { personId: person.id, ...(await personBankAccounts(db, person.id)) }
      },
    }),
    defineRoute({
      name: 'premiums.registerBankAccount',
      access: { kind: 'permission', permission: 'premiums.bankAccount' },
      personalData: true,
      audit: { action: 'premiums.registerBankAccount' },
      effect: 'create',
      async handle({ input, db, user, audit, now, permissions }) {
        audit.targets([input.personId])
        await loadPerson(db, input.personId, 'premiums.bankAccount', { permissions, user })
        const account = await registerBankAccount(db, input, { userId: user?.id ?? null, now })
        audit.purpose(`口座振替の開始 ${account.validFrom}〜${account.validTo ?? ''}（${input.reason}）`)
        return account
      },
    }),
    defineRoute({
      name: 'premiums.changeBankAccount',
      access: { kind: 'permission', permission: 'premiums.bankAccount' },
      personalData: true,
      audit: { action: 'premiums.changeBankAccount' },
      effect: 'update',
      async handle({ input, db, user, audit, now, permissions }) {
        const personId = await accountOwner(db, input.accountId)
        audit.targets([personId])
        await loadPerson(db, personId, 'premiums.bankAccount', { permissions, user })
        const account = await changeBankAccount(db, input, { userId: user?.id ?? null, now })
        audit.purpose(`口座の変更 第${account.revision}版（${input.reason}）`)
        return account
      },
    }),
    defineRoute({
      name: 'premiums.stopDirectDebit',
      access: { kind: 'permission', permission: 'premiums.bankAccount' },
      personalData: true,
      audit: { action: 'premiums.stopDirectDebit' },
      effect: 'update',
      async handle({ input, db, user, audit, now, permissions }) {
        const personId = await accountOwner(db, input.accountId)
        audit.targets([personId])
        await loadPerson(db, personId, 'premiums.bankAccount', { permissions, user })
        const account = await stopDirectDebit(db, input, { userId: user?.id ?? null, now })
        audit.purpose(`口座振替の停止 ${input.stopOn}（${input.reason}）`)
        return account
      },
    }),
    defineRoute({
      name: 'premiums.directDebitDryRun',
      access: { kind: 'permission', permission: 'premiums.directDebitFile' },
      personalData: true,
      audit: { action: 'premiums.directDebitDryRun' },
      effect: 'read',
      async handle({ input, db, audit }) {
        const { personIds, ...result } = await directDebitDryRun(db, input.transferDate)
        audit.targets(personIds)
        audit.purpose(`口座振替依頼 試算 ${input.transferDate} ${result.count}件 ${result.total}円`)
        return result
      },
    }),
    defineRoute({
      name: 'premiums.directDebitFile',
      access: { kind: 'permission', permission: 'premiums.directDebitFile' },
      personalData: true,
      audit: { action: 'premiums.directDebitFile' },
      effect: 'create',
      async handle({ input, db, user, audit, now }) {
        const reissue = input.reissue?.reason ?? null
        const { personIds, ...file } = await prepareDirectDebitFile(db, input.transferDate, reissue, {
          userId: user?.id ?? null,
          now,
        })
        audit.targets(personIds)
        audit.purpose(
          `口座振替依頼データ作成 ${input.transferDate} 第${file.issue}回 ${file.count}件 ${file.total}円${reissue === null ? '' : `（再作成: ${reissue}）`}`,
        )
        return file
      },
    }),
    defineRoute({
      // Four eyes: the 監督者's sign-off (the batch approval permission), never the preparer; a recent step-up.
      name: 'premiums.directDebitApprove',
      access: { kind: 'permission', permission: 'premiums.batchApprove' },
      personalData: true,
      audit: { action: 'premiums.directDebitApprove' },
      effect: 'statusChange',
      stepUp: true,
      async handle({ input, db, user, audit, now }) {
        audit.purpose(`口座振替依頼データ 第${input.requestId}号の承認`)
        const { personIds, ...file } = await approveDirectDebitFile(db, input.requestId, { userId: user!.id, now })
        audit.targets(personIds)
        audit.purpose(`口座振替依頼データの承認 ${file.transferDate} 第${file.issue}回 ${file.count}件 ${file.total}円`)
        return file
      },
    }),
    defineRoute({
      name: 'premiums.directDebitDownload',
      access: { kind: 'permission', permission: 'premiums.directDebitFile' },
      personalData: true,
      audit: { action: 'premiums.directDebitDownload' },
      effect: 'read',
      async handle({ input, db, audit }) {
        audit.purpose(`口座振替依頼データ 第${input.requestId}号の取出し`)
        const { personIds, ...file } = await downloadDirectDebitFile(db, input.requestId)
        audit.targets(personIds)
        audit.purpose(`口座振替依頼データの取出し ${file.fileName} ${file.count}件 ${file.total}円`)
        return file
      },
    }),
  ]
}
