/**
 * The import map inside server/src (docs/architecture.md): `npm run imports:check`, and a step of `npm test`.
 *
 *   server.ts, main.ts, cli/   composition roots: may import everything
 *   demo/                      demo data and the dummy-ward generator: only the composition roots import it
 *   areas/<area>/              business areas: use the core, and each other only through index.ts and schema.ts
 *   core/                      the HTTP pipeline, database, audit, records, sessions, clock, config, secrets
 *
 * The process layers (shared, renderer, electron, server) are ESLint's rules (eslint.config.js); this file maps
 * the folders inside the server. tests/unit/lint/import-map.test.ts shows each rule refusing a probe.
 */

/* global module */

/** The composition roots: the only modules that may wire demo data and the CLIs into the server. */
const COMPOSITION_ROOTS = '^server/src/(server|main)[.]ts$'
/** An area's public face: what other areas and the composition roots may import. */
const AREA_PUBLIC_FILES = '^server/src/areas/[^/]+/(index|schema)[.]ts$'

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-no-area',
      comment:
        'The core (HTTP pipeline, database, audit, records, sessions, clock, config, secrets) is what the business ' +
        'areas stand on; it knows no area, no CLI and no composition root. A core module that needs something from ' +
        'an area takes it as a parameter, handed in by server.ts.',
      severity: 'error',
      from: { path: '^server/src/core/' },
      to: { path: ['^server/src/(areas|cli)/', COMPOSITION_ROOTS] },
    },
    {
      name: 'area-imports-no-composition-root',
      comment:
        'A business area is wired by the composition roots (server.ts, main.ts) and run by the CLIs; it never ' +
        'imports them back. What an area needs from the outside arrives as a parameter of its routes factory.',
      severity: 'error',
      from: { path: '^server/src/areas/' },
      to: { path: ['^server/src/cli/', COMPOSITION_ROOTS] },
    },
    {
      name: 'production-imports-no-demo',
      comment:
        'Demo data and the dummy-ward generator (server/src/demo) never reach production code: only server.ts, ' +
        'main.ts and the CLIs import them, and hand what an area needs (the shipped dummy providers, the demo ' +
        'accounts) to it as a parameter.',
      severity: 'error',
      from: { path: '^server/src/', pathNot: ['^server/src/(demo|cli)/', COMPOSITION_ROOTS] },
      to: { path: '^server/src/demo/' },
    },
    {
      name: 'area-uses-other-areas-through-index',
      comment:
        'Another area is used only through its public files: index.ts (routes factory, services, types) and ' +
        'schema.ts (its tables, public for foreign keys and joins). Its other files, route files above all, are ' +
        'its own business and may change without notice.',
      severity: 'error',
      from: { path: '^server/src/areas/([^/]+)/' },
      to: { path: '^server/src/areas/', pathNot: ['^server/src/areas/$1/', AREA_PUBLIC_FILES] },
    },
    {
      name: 'outside-uses-areas-through-index',
      comment:
        'Outside the areas (composition roots, CLIs, demo) an area is used through the same public files as from ' +
        'another area: index.ts and schema.ts.',
      severity: 'error',
      from: { path: '^server/src/', pathNot: '^server/src/areas/' },
      to: { path: '^server/src/areas/[^/]+/', pathNot: AREA_PUBLIC_FILES },
    },
    {
      name: 'area-imports-itself-directly',
      comment:
        "Inside an area, import the module itself, not the area's own index.ts: the index re-exports the area, so " +
        'going through it from inside builds a cycle.',
      severity: 'error',
      from: { path: '^server/src/areas/([^/]+)/' },
      to: { path: '^server/src/areas/$1/index[.]ts$' },
    },
    {
      name: 'no-module-cycle',
      comment:
        'No module imports itself back through others at run time: a cycle makes load order matter and hides ' +
        'which module is the lower one. A cycle closed only by a type-only import (`import type`, erased when ' +
        'compiled) is allowed here; between folders it still counts (no-folder-cycle).',
      severity: 'error',
      from: { path: '^server/src/' },
      to: { circular: true, dependencyTypesNot: ['type-only'], viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-folder-cycle',
      comment:
        'No folder depends on itself through another folder: core/<x> and core/<y>, or areas/<a> and ' +
        'areas/<b>, never import each other both ways, even when no single module cycle exists. One of the two is ' +
        'the lower one; what both need moves down to it (or into the core).',
      severity: 'error',
      scope: 'folder',
      from: { path: '^server/src/' },
      to: { circular: true },
    },
    {
      name: 'no-unresolvable-import',
      comment:
        'Every import in server/src resolves to a file or a package: an import left behind by a moved module fails ' +
        'here, and the other rules never judge an import they cannot see.',
      severity: 'error',
      from: { path: '^server/src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.server.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
}
