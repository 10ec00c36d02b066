/** 口座振替: a person's 口座 and the 全銀協 口座振替依頼 file (docs/interfaces/direct-debit.md). */
export { directDebitRoutes } from './direct-debit-routes'
export { buildTransferFile, parseTransferFile, RECORD_BYTES, type TransferFile } from './transfer-file'
export { toZenginText, zenginKana, zenginName } from './zengin-kana'
export { bankAccountRevisions, directDebitRequestItems, directDebitRequests } from './schema'
