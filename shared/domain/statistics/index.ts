/** 統計・報告: the 事業状況報告 rules and the EUC extract rules. */
export * from './report'
export * from './extract'
