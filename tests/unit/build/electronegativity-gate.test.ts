import { describe, expect, it } from 'vitest'
import {
  explainedFalsePositives,
  parseFindings,
  splitCsvLine,
  unexplainedHighFindings,
} from '../../../scripts/lib/electronegativity-gate'

const CSV = `issue, severity, confidence, filename, location, sample, description, url
CONTEXT_ISOLATION_JS_CHECK,"HIGH","FIRM","main/index.ts","107:17","const window = new BrowserWindow(","Review, carefully",https://x
NODE_INTEGRATION_JS_CHECK,"HIGH","FIRM","main/other.ts","1:1","x","y",https://x
SANDBOX_JS_CHECK,"MEDIUM","FIRM","main/index.ts","107:17","x","y",https://x`

const DOC = `# Security
## Electronegativity
| Check | File | Why it is not a vulnerability |
| ----- | ---- | ----------------------------- |
| CONTEXT_ISOLATION_JS_CHECK | main/index.ts | The options come from a factory the analyser cannot follow. |
| NODE_INTEGRATION_JS_CHECK | main/other.ts | short |
`

// docs/sources/electron-security.md §14: the tool exits 0 even with findings, so the gate reads its CSV.
describe('the Electronegativity gate', () => {
  it('splits quoted CSV fields, commas inside quotes included', () => {
    expect(splitCsvLine('A,"B, c","d ""e"""')).toEqual(['A', 'B, c', 'd "e"'])
  })

  it('fails only on HIGH findings without a documented reason', () => {
    const findings = parseFindings(CSV)
    expect(findings).toHaveLength(3)
    const unexplained = unexplainedHighFindings(findings, explainedFalsePositives(DOC))
    // NODE_INTEGRATION's "reason" is too short to count as an explanation; MEDIUM never fails the gate.
    expect(unexplained.map((f) => f.check)).toEqual(['NODE_INTEGRATION_JS_CHECK'])
  })
})
