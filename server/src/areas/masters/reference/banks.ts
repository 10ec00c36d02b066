/**
 * 金融機関・店舗 from the npm package `zengin-code` (MIT; the 全銀協 bank and branch codes, maintained by the
 * zengin-code project and republished monthly). Nothing is vendored: the rows are read from the installed package, and
 * a new package version becomes a new master version (only the changed rows) at the next server start.
 */
import { createRequire } from 'node:module'
import type { MasterRowDraft } from '../../../../../shared/masters/rows'

interface ZenginBranch {
  code: string
  name: string
  kana: string
}
interface ZenginBank extends ZenginBranch {
  branches: Record<string, ZenginBranch>
}

const require = createRequire(import.meta.url)

/** The installed package version, e.g. '1.0.0-p20260824' (the suffix is the data date). */
export function zenginVersion(): string {
  return (require('zengin-code/package.json') as { version: string }).version
}

export function bankSource(): string {
  return `zengin-code ${zenginVersion()}（全国銀行協会 金融機関・店舗コード; MIT）`
}

export function bankDrafts(): { banks: MasterRowDraft[]; branches: MasterRowDraft[] } {
  const data = require('zengin-code') as Record<string, ZenginBank>
  const banks: MasterRowDraft[] = []
  const branches: MasterRowDraft[] = []
  for (const bank of Object.values(data)) {
    banks.push({
      key: bank.code,
      validFrom: null,
      validTo: null,
      payload: { code: bank.code, name: bank.name, kana: bank.kana },
    })
    for (const branch of Object.values(bank.branches)) {
      branches.push({
        key: `${bank.code}-${branch.code}`,
        validFrom: null,
        validTo: null,
        payload: { bankCode: bank.code, branchCode: branch.code, name: branch.name, kana: branch.kana },
      })
    }
  }
  return { banks, branches }
}
