/**
 * The shipped masters: national tables (derived from shared/domain), reference masters (zengin-code, providers,
 * service types/codes, notice texts, insurer) and the ward parameter defaults. The 事業所 rows are not made here:
 * the composition root hands them in ({@link ShippedSources}; today the demo's generated dummy providers). At every
 * server start {@link ensureShippedMasters} publishes a new version of each shipped dataset whose content differs
 * from the database (only the changed rows) — and nothing when it is the same. Ward parameters are seeded once: after that
 * only the approval workflow changes them.
 */
import type { MasterDatasetName, MasterRow } from '../../../../shared/masters/datasets'
import { nationalMasterRows } from '../../../../shared/masters/national'
import { toMasterRow, type MasterRowDraft } from '../../../../shared/masters/rows'
import { shinjukuDefaultWardVersions } from '../../../../shared/masters/ward-parameters'
import { compareKeys, contentHash, rowHash } from '../../../../shared/masters/hash'
import type { Db } from '../../core/db/connect'
import { masterDatasets } from './schema'
import {
  currentVersions,
  lockMasters,
  nodeSha256,
  primeFullListing,
  publishDataset,
  upsertDatasetMeta,
  type DatasetMeta,
  type LiveRow,
} from './store'
import { bankDrafts, bankSource } from './reference/banks'
import { insurerDrafts } from './reference/insurer'
import { noticeTextDrafts } from './reference/notice-texts'
import { sampleServiceCodeDrafts, serviceTypeDrafts, SERVICE_TYPES_SOURCE } from './reference/services'

export interface ShippedDataset {
  dataset: MasterDatasetName
  meta: DatasetMeta
  rows: MasterRow[]
  contentHash: string
  /** The rows with their row hashes, in key order. */
  hashed: LiveRow[]
}

const build = (dataset: MasterDatasetName, drafts: readonly MasterRowDraft[]) =>
  drafts.map((d) => toMasterRow(dataset, d)).sort((a, b) => compareKeys(a.key, b.key))

/** The rows of the shipped masters that this area does not make itself. */
export interface ShippedSources {
  /** 事業所 (ref.providers), shipped as sample data. */
  providers: readonly MasterRowDraft[]
}

const withHashes = (d: { dataset: MasterDatasetName; meta: DatasetMeta; rows: MasterRow[] }): ShippedDataset => {
  const hashed = d.rows.map((r) => ({ ...r, rowHash: rowHash(r, nodeSha256) }))
  return { ...d, hashed, contentHash: contentHash(d.dataset, hashed, nodeSha256) }
}

/** The datasets made here, before and after the providers in the shipped order (built once per process). */
let own: { before: ShippedDataset[]; after: ShippedDataset[] } | null = null
function ownDatasets(): { before: ShippedDataset[]; after: ShippedDataset[] } {
  if (own) return own
  const before: { dataset: MasterDatasetName; meta: DatasetMeta; rows: MasterRow[] }[] = []
  for (const [dataset, rows] of Object.entries(nationalMasterRows()) as [MasterDatasetName, MasterRow[]][]) {
    const unverified = rows.some((r) => (JSON.parse(r.payload) as { unverified?: boolean }).unverified === true)
    before.push({
      dataset,
      meta: { source: 'shared/domain/parameters（国の告示・政省令; 各行に出典）', sample: false, unverified },
      rows: [...rows].sort((a, b) => compareKeys(a.key, b.key)),
    })
  }
  const banks = bankDrafts()
  before.push(
    {
      dataset: 'ref.insurer',
      meta: { source: '保険者番号・地域区分: shared/domain', sample: false, unverified: true },
      rows: build('ref.insurer', insurerDrafts()),
    },
    {
      dataset: 'ref.banks',
      meta: { source: bankSource(), sample: false, unverified: false },
      rows: build('ref.banks', banks.banks),
    },
    {
      dataset: 'ref.bankBranches',
      meta: { source: bankSource(), sample: false, unverified: false },
      rows: build('ref.bankBranches', banks.branches),
    },
  )
  const after: { dataset: MasterDatasetName; meta: DatasetMeta; rows: MasterRow[] }[] = [
    {
      dataset: 'ref.serviceTypes',
      meta: { source: SERVICE_TYPES_SOURCE, sample: false, unverified: true },
      rows: build('ref.serviceTypes', serviceTypeDrafts()),
    },
    {
      dataset: 'ref.serviceCodes',
      meta: { source: 'サンプルデータ（形式のみ。単位数は告示の値ではありません）', sample: true, unverified: false },
      rows: build('ref.serviceCodes', sampleServiceCodeDrafts()),
    },
    {
      dataset: 'ref.noticeTexts',
      meta: { source: 'kaigo-desk 文言マスタ（区の様式で要確認）', sample: false, unverified: true },
      rows: build('ref.noticeTexts', noticeTextDrafts()),
    },
  ]
  own = { before: before.map(withHashes), after: after.map(withHashes) }
  return own
}

const shipped = new WeakMap<ShippedSources, ShippedDataset[]>()

/** The shipped datasets (ward parameters excluded), built once per sources object. */
export function shippedDatasets(sources: ShippedSources): ShippedDataset[] {
  const known = shipped.get(sources)
  if (known) return known
  const { before, after } = ownDatasets()
  const providers = withHashes({
    dataset: 'ref.providers',
    meta: { source: 'ダミー事業所（生成データ, C-23）', sample: true, unverified: false },
    rows: build('ref.providers', sources.providers),
  })
  const list = [...before, providers, ...after]
  shipped.set(sources, list)
  return list
}

/** The shipped default rows of `ward.parameters`. */
export function defaultWardParameterRows(): MasterRow[] {
  return build(
    'ward.parameters',
    shinjukuDefaultWardVersions().map((v) => ({
      key: v.validFrom,
      validFrom: v.validFrom,
      validTo: v.validTo,
      payload: v.payload,
    })),
  )
}

export const WARD_PARAMETERS_META: DatasetMeta = {
  source: '区の条例・規則（承認済みの変更）; 出荷時は shared/domain の新宿区既定値',
  sample: false,
  unverified: true,
}

/**
 * Brings the database's shipped masters up to date: returns the datasets that got a new version. Cheap when nothing
 * changed (hashes compared first, no write).
 */
export async function ensureShippedMasters(
  db: Db,
  sources: ShippedSources,
  now: Date = new Date(),
): Promise<MasterDatasetName[]> {
  const datasets = shippedDatasets(sources)
  const versions = await currentVersions(db)
  const metas = new Map((await db.select().from(masterDatasets)).map((m) => [m.name, m]))
  const sameMeta = (name: string, meta: DatasetMeta) => {
    const m = metas.get(name)
    return m !== undefined && m.source === meta.source && m.sample === meta.sample && m.unverified === meta.unverified
  }
  // The shipped content is in memory anyway: the first terminals' full syncs are served from it.
  for (const d of datasets) primeFullListing(d.dataset, d.contentHash, d.hashed)
  const stale = datasets.filter(
    (d) => versions.get(d.dataset)?.contentHash !== d.contentHash || !sameMeta(d.dataset, d.meta),
  )
  const wardMissing = !versions.has('ward.parameters') || !sameMeta('ward.parameters', WARD_PARAMETERS_META)
  if (stale.length === 0 && !wardMissing) return []
  return db.transaction(async (tx) => {
    await lockMasters(tx)
    const published: MasterDatasetName[] = []
    for (const d of stale) {
      await upsertDatasetMeta(tx, d.dataset, d.meta)
      const v = await publishDataset(tx, d.dataset, d.rows, { reason: '出荷マスタの更新', now })
      if (v) published.push(d.dataset)
    }
    await upsertDatasetMeta(tx, 'ward.parameters', WARD_PARAMETERS_META)
    if (!(await currentVersions(tx)).has('ward.parameters')) {
      await publishDataset(tx, 'ward.parameters', defaultWardParameterRows(), { reason: '出荷時の既定値', now })
      published.push('ward.parameters')
    }
    return published
  })
}
