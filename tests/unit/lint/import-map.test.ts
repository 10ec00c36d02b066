import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { cruise, type IConfiguration, type ICruiseResult } from 'dependency-cruiser'
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config'
import { afterAll, describe, expect, it } from 'vitest'

// The import map of server/src (.dependency-cruiser.cjs), run on a small tree of the same layout written to .tmp/
// (ignored by git, ESLint, Prettier and tsc): the house below passes, each probe added to it breaks one rule.
const root = resolve(import.meta.dirname, '../../..')
const configFile = join(root, '.dependency-cruiser.cjs')
const config = createRequire(import.meta.url)(configFile) as IConfiguration
const tsConfig = extractTSConfig(join(root, 'tsconfig.server.json'))
mkdirSync(join(root, '.tmp'), { recursive: true })
const scratch = mkdtempSync(join(root, '.tmp', 'import-map-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

type Tree = Record<string, string>

/** core, two areas (one with a sub-folder), demo, a CLI and the composition roots, wired as the map allows. */
const house: Tree = {
  'server/src/core/clock.ts': 'export const systemClock = () => new Date()\n',
  'server/src/core/http/problem.ts': "export const problems = { notFound: () => new Error('notFound') }\n",
  'server/src/core/http/route.ts':
    "import { problems } from './problem'\nexport const defineRoute = (name: string) => ({ name, refuse: problems.notFound })\n",
  'server/src/core/db/schema.ts': "export const users = { table: 'users' }\n",
  'server/src/core/records/versioned.ts':
    "import { users } from '../db/schema'\nimport { problems } from '../http/problem'\nexport const versioned = [users, problems]\n",
  'server/src/areas/persons/schema.ts':
    "import { users } from '../../core/db/schema'\nexport const persons = { table: 'persons', users }\n",
  'server/src/areas/persons/person-record.ts':
    "import { persons } from './schema'\nexport type PersonRow = { id: number }\nexport const loadPerson = (id: number) => ({ id, persons })\n",
  'server/src/areas/persons/person-routes.ts':
    "import { defineRoute } from '../../core/http/route'\nimport { loadPerson } from './person-record'\nexport const personRoutes = () => [defineRoute('person.summary'), loadPerson]\n",
  'server/src/areas/persons/index.ts':
    "export { personRoutes } from './person-routes'\nexport { loadPerson, type PersonRow } from './person-record'\n",
  'server/src/areas/eligibility/schema.ts':
    "import { persons } from '../persons/schema'\nexport const events = { table: 'events', persons }\n",
  'server/src/areas/eligibility/eligibility-routes.ts':
    "import { defineRoute } from '../../core/http/route'\nimport { loadPerson } from '../persons'\nimport { events } from './schema'\nexport const eligibilityRoutes = () => [defineRoute('eligibility.history'), loadPerson, events]\n",
  'server/src/areas/eligibility/intake/schema.ts':
    "import { events } from '../schema'\nexport const uploads = { table: 'uploads', events }\n",
  'server/src/areas/eligibility/intake/intake-routes.ts':
    "import { defineRoute } from '../../../core/http/route'\nimport { uploads } from './schema'\nexport const intakeRoutes = () => [defineRoute('intake.upload'), uploads]\n",
  'server/src/areas/eligibility/index.ts':
    "export { eligibilityRoutes } from './eligibility-routes'\nexport { intakeRoutes } from './intake/intake-routes'\n",
  'server/src/demo/generator/index.ts': 'export const dummyWard = () => []\n',
  'server/src/demo/seed.ts':
    "import { persons } from '../areas/persons/schema'\nimport { loadPerson } from '../areas/persons'\nimport { dummyWard } from './generator'\nexport const seed = () => [persons, loadPerson, dummyWard()]\n",
  'server/src/demo/demo-users.ts': "export const demoUsers = ['shikaku01']\n",
  'server/src/cli/seed.ts': "import { seed } from '../demo/seed'\nexport const run = seed\n",
  'server/src/server.ts':
    "import { eligibilityRoutes, intakeRoutes } from './areas/eligibility'\nimport { personRoutes } from './areas/persons'\nexport const allRoutes = () => [...personRoutes(), ...eligibilityRoutes(), ...intakeRoutes()]\n",
  'server/src/main.ts': "import { allRoutes } from './server'\nexport const routes = allRoutes()\n",
}

function writeTree(dir: string, tree: Tree): void {
  for (const [file, code] of Object.entries(tree)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    writeFileSync(join(dir, file), code)
  }
}

interface Violation {
  rule: string
  from: string
  to: string
}

/** The violations of the real config in the house with `probe` added (a probe file may replace a house file). */
async function violations(probe: Tree): Promise<Violation[]> {
  const dir = mkdtempSync(join(scratch, 'case-'))
  try {
    writeTree(dir, { ...house, ...probe })
    const result = await cruise(
      ['server/src'],
      { ...config.options, ruleSet: { forbidden: config.forbidden }, validate: true, baseDir: dir },
      {},
      { tsConfig },
    )
    const output = result.output as ICruiseResult
    return (output.summary.violations ?? []).map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const rulesBroken = async (probe: Tree) => (await violations(probe)).map((v) => v.rule)

describe('the import map of server/src is enforced by dependency-cruiser', () => {
  it('the house, wired as the map allows, passes', async () => {
    expect(await violations({})).toEqual([])
  })

  const refused: [string, string, Tree][] = [
    [
      'the core imports an area',
      'core-imports-no-area',
      {
        'server/src/core/http/probe.ts':
          "import { personRoutes } from '../../areas/persons'\nexport const x = personRoutes\n",
      },
    ],
    [
      "the core imports an area's schema (public to areas, not to the core)",
      'core-imports-no-area',
      {
        'server/src/core/db/probe.ts':
          "import { persons } from '../../areas/persons/schema'\nexport const x = persons\n",
      },
    ],
    [
      'the core imports the composition root',
      'core-imports-no-area',
      { 'server/src/core/http/probe.ts': "import { allRoutes } from '../../server'\nexport const x = allRoutes\n" },
    ],
    [
      'the core imports a CLI',
      'core-imports-no-area',
      { 'server/src/core/probe.ts': "import { run } from '../cli/seed'\nexport const x = run\n" },
    ],
    [
      'the core imports demo data',
      'production-imports-no-demo',
      {
        'server/src/core/db/probe.ts': "import { dummyWard } from '../../demo/generator'\nexport const x = dummyWard\n",
      },
    ],
    [
      'an area imports demo data',
      'production-imports-no-demo',
      {
        'server/src/areas/persons/probe.ts':
          "import { dummyWard } from '../../demo/generator'\nexport const x = dummyWard\n",
      },
    ],
    [
      'an area imports the demo users',
      'production-imports-no-demo',
      {
        'server/src/areas/persons/probe.ts':
          "import { demoUsers } from '../../demo/demo-users'\nexport const x = demoUsers\n",
      },
    ],
    [
      'an area imports the composition root',
      'area-imports-no-composition-root',
      { 'server/src/areas/persons/probe.ts': "import { allRoutes } from '../../server'\nexport const x = allRoutes\n" },
    ],
    [
      'an area imports a CLI',
      'area-imports-no-composition-root',
      { 'server/src/areas/persons/probe.ts': "import { run } from '../../cli/seed'\nexport const x = run\n" },
    ],
    [
      "an area uses another area's route file as a library",
      'area-uses-other-areas-through-index',
      {
        'server/src/areas/eligibility/probe.ts':
          "import { personRoutes } from '../persons/person-routes'\nexport const x = personRoutes\n",
      },
    ],
    [
      "an area imports another area's inner module",
      'area-uses-other-areas-through-index',
      {
        'server/src/areas/eligibility/probe.ts':
          "import { loadPerson } from '../persons/person-record'\nexport const x = loadPerson\n",
      },
    ],
    [
      "an area type-imports another area's inner module",
      'area-uses-other-areas-through-index',
      {
        'server/src/areas/eligibility/probe.ts':
          "import type { PersonRow } from '../persons/person-record'\nexport type X = PersonRow\n",
      },
    ],
    [
      "an area's sub-folder imports another area's inner module",
      'area-uses-other-areas-through-index',
      {
        'server/src/areas/eligibility/intake/probe.ts':
          "import { loadPerson } from '../../persons/person-record'\nexport const x = loadPerson\n",
      },
    ],
    [
      "an area imports the schema of another area's sub-folder (only <area>/schema.ts is public)",
      'area-uses-other-areas-through-index',
      {
        'server/src/areas/persons/probe.ts':
          "import { uploads } from '../eligibility/intake/schema'\nexport const x = uploads\n",
      },
    ],
    [
      'an area imports its own index.ts',
      'area-imports-itself-directly',
      { 'server/src/areas/persons/probe.ts': "import { loadPerson } from './index'\nexport const x = loadPerson\n" },
    ],
    [
      "the composition root imports an area's route file",
      'outside-uses-areas-through-index',
      {
        'server/src/server.ts':
          "import { personRoutes } from './areas/persons/person-routes'\nexport const allRoutes = () => personRoutes()\n",
      },
    ],
    [
      "demo data imports an area's inner module",
      'outside-uses-areas-through-index',
      {
        'server/src/demo/probe.ts':
          "import { loadPerson } from '../areas/persons/person-record'\nexport const x = loadPerson\n",
      },
    ],
    [
      'two areas depend on each other (a folder cycle without a module cycle)',
      'no-folder-cycle',
      {
        'server/src/areas/persons/uses-eligibility.ts':
          "import { eligibilityRoutes } from '../eligibility'\nexport const x = eligibilityRoutes\n",
      },
    ],
    [
      'two core folders depend on each other (http ↔ records)',
      'no-folder-cycle',
      {
        'server/src/core/http/probe.ts':
          "import { versioned } from '../records/versioned'\nexport const x = versioned\n",
      },
    ],
    [
      'two modules import each other',
      'no-module-cycle',
      {
        'server/src/core/http/route.ts':
          "import { problems } from './problem'\nimport { probe } from './probe'\nexport const defineRoute = (name: string) => ({ name, refuse: problems.notFound, probe })\n",
        'server/src/core/http/probe.ts':
          "import { defineRoute } from './route'\nexport const probe = () => defineRoute('x')\n",
      },
    ],
    [
      'an import that resolves to no file',
      'no-unresolvable-import',
      { 'server/src/areas/persons/probe.ts': "import { gone } from './moved-away'\nexport const x = gone\n" },
    ],
  ]
  it.each(refused)('refuses: %s', async (_name, rule, probe) => {
    expect(await rulesBroken(probe)).toContain(rule)
  })

  it('names a folder cycle between two areas even though no module imports itself back', async () => {
    const found = await violations(refused.find(([name]) => name.startsWith('two areas'))![2])
    expect(found.map((v) => v.rule)).not.toContain('no-module-cycle')
    expect(found.map((v) => v.from).sort()).toEqual(['server/src/areas/eligibility', 'server/src/areas/persons'])
  })

  const allowed: [string, Tree][] = [
    [
      "an area imports another area's index.ts",
      {
        'server/src/areas/eligibility/probe.ts':
          "import { loadPerson } from '../persons'\nexport const x = loadPerson\n",
      },
    ],
    [
      "an area imports another area's index.ts by its file name",
      {
        'server/src/areas/eligibility/probe.ts':
          "import { loadPerson } from '../persons/index'\nexport const x = loadPerson\n",
      },
    ],
    [
      "an area imports another area's schema.ts",
      {
        'server/src/areas/eligibility/probe.ts':
          "import { persons } from '../persons/schema'\nexport const x = persons\n",
      },
    ],
    [
      "an area type-imports another area's index.ts",
      {
        'server/src/areas/eligibility/probe.ts':
          "import type { PersonRow } from '../persons'\nexport type X = PersonRow\n",
      },
    ],
    [
      "an area's sub-folder imports its own area's inner modules",
      {
        'server/src/areas/eligibility/intake/probe.ts':
          "import { eligibilityRoutes } from '../eligibility-routes'\nexport const x = eligibilityRoutes\n",
      },
    ],
    [
      'an area imports the core',
      {
        'server/src/areas/persons/probe.ts':
          "import { systemClock } from '../../core/clock'\nimport { versioned } from '../../core/records/versioned'\nexport const x = [systemClock, versioned]\n",
      },
    ],
    [
      'server.ts imports demo data',
      {
        'server/src/server.ts':
          "import { personRoutes } from './areas/persons'\nimport { demoUsers } from './demo/demo-users'\nexport const allRoutes = () => [personRoutes, demoUsers]\n",
      },
    ],
    [
      'main.ts imports demo data',
      {
        'server/src/main.ts':
          "import { seed } from './demo/seed'\nimport { allRoutes } from './server'\nexport const routes = [allRoutes, seed]\n",
      },
    ],
    [
      "a CLI imports demo data and an area's index.ts",
      {
        'server/src/cli/probe.ts':
          "import { seed } from '../demo/seed'\nimport { loadPerson } from '../areas/persons'\nexport const x = [seed, loadPerson]\n",
      },
    ],
    [
      'a cycle closed only by a type-only import',
      {
        'server/src/core/db/connect.ts':
          "import { adopt } from './previous-layout'\nexport type Db = { query(sql: string): void }\nexport const open = adopt\n",
        'server/src/core/db/previous-layout.ts':
          "import type { Db } from './connect'\nexport const adopt = (db: Db) => db.query('select 1')\n",
      },
    ],
  ]
  it.each(allowed)('allows: %s', async (_name, probe) => {
    expect(await violations(probe)).toEqual([])
  })
})

describe('`npm run imports:check` (the import-map step of npm test) fails on a violation', () => {
  // The command line exactly as package.json runs it, in a copy of the house with the server's tsconfig.
  function check(probe: Tree): { status: number | null; stdout: string } {
    const dir = mkdtempSync(join(scratch, 'cli-'))
    try {
      writeTree(dir, { ...house, ...probe })
      for (const file of ['tsconfig.server.json', 'tsconfig.base.json']) cpSync(join(root, file), join(dir, file))
      const bin = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs')
      const run = spawnSync(process.execPath, [bin, 'server/src', '--config', configFile], {
        cwd: dir,
        encoding: 'utf8',
      })
      return { status: run.status, stdout: run.stdout }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }

  it('exits 0 on the house and non-zero, naming the rule, when the core imports an area', () => {
    expect(check({}).status).toBe(0)
    const broken = check({
      'server/src/core/http/probe.ts':
        "import { personRoutes } from '../../areas/persons'\nexport const x = personRoutes\n",
    })
    expect(broken.status).not.toBe(0)
    expect(broken.stdout).toContain('core-imports-no-area')
  }, 60_000) // two full runs of dependency-cruiser over server/src
})
