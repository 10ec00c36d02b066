import { api } from '../../platform/bridge'
import { useRequest } from '../../lib/request'

/** 被保険者証の交付・再交付 (ledger and audit row on the server). */
export const useInsuranceCardIssue = () => useRequest(api.eligibility.issueInsuranceCard)

/** 資格者証の交付・再交付 (ledger and audit row on the server). */
export const useProvisionalCardIssue = () => useRequest(api.eligibility.issueProvisionalCard)
