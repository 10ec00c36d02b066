import type { ShippedSources } from '../areas/masters'
import { dummyProviderDrafts } from './generator/providers'

let sources: ShippedSources | null = null

/**
 * What the shipped masters take from the demo: the 事業所 master is the generated dummy providers (control C-23),
 * made once per process. The composition root hands it to the masters area.
 */
export function demoShippedSources(): ShippedSources {
  return (sources ??= { providers: dummyProviderDrafts() })
}
