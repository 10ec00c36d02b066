/** 介護認定審査会: 合議体, members, meetings, assignment, attendance, packet, minutes and the 二次判定. */
export { boardRoutes } from './board-routes'
