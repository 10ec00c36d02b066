/** Masters: the shipped and ward-approved master data, published in versions, synced to the terminals. */
export { masterRoutes } from './routes'
export { ensureShippedMasters, shippedDatasets, type ShippedDataset, type ShippedSources } from './shipped'
export { loadSnapshot } from './store'
