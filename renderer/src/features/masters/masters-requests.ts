import { api } from '../../platform/bridge'
import { useRequest } from '../../lib/request'

/** The masters feature's calls: the terminal cache (offline lookups, premium table) and the ward parameter changes. */
export const masterCalls = {
  search: api.masters.search,
  premiumTable: api.masters.premiumTable,
  wardChanges: api.masters.wardChanges,
  wardChange: api.masters.wardChange,
  decideWardChange: api.masters.decideWardChange,
  proposeWardChange: api.masters.proposeWardChange,
}

/** An offline lookup in the cached masters; the newest answer is shown. */
export const useMasterLookup = () => useRequest(api.masters.search, 'latest')
