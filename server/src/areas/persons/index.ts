/** Residents and households: search, summary, the protected data, and the person lookup other areas use. */
export { personRoutes } from './person-routes'
export { loadPerson } from './person-record'
export { careAreaOfTown, careAreas, isCareArea, type CareArea } from './care-areas'
export {
  addressProtectedIds,
  isAddressProtectedIn,
  protectedResidents,
  type PersonWithHousehold,
} from './support-measure'
export {
  mailingAddressOn,
  mailingAddressesOn,
  mailingAddressRoutes,
  type NoticeAddress,
} from './mailing/mailing-address-routes'
