import { api } from '../../platform/bridge'
import { useRequest } from '../../lib/request'

/** ロック解除 with the password (and the 確認コード when the session needs it). */
export const useUnlock = () => useRequest(api.lock.unlock)
