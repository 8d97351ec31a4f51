/**
 * The import rules CI enforces (`npm run lint:deps`). Layers point one way: a folder of lib/ may
 * import only the folders of the layers below its own, lib/core imports nothing of ours, lib/
 * imports neither app/ nor ingest/ (the CLI and the worker) nor Next.js, app/ and the processes (ingest/cli/, ingest/worker/) never
 * import each other, and the worker never imports the CLI (the CLI starts the worker).
 * Run-time imports only: `import type` is erased by the compiler, so it can make no cycle at run
 * time (the store port's types are still imported by the domain folders above it; see lib/README.md).
 */
const LAYERS = [
  ["core"],
  ["config", "csv", "audit", "retry"],
  ["telemetry"],
  ["org", "identity", "doctor", "completeness", "retention", "pricing"],
  ["events", "invoice"],
  ["intake", "allocation"],
  ["ledger"],
  ["reconciliation"],
  ["statements"],
  ["reports", "store"],
  ["exports", "auth"],
  ["budgets"],
  ["notifications"],
  ["health"],
];
const folders = (layers) => `^lib/(${layers.flat().join("|")})/`;

const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer.join("-")}`,
  comment: `lib/{${layer.join(",")}} may import only the layers below it`,
  severity: "error",
  from: { path: folders([layer]) },
  to: { path: folders(LAYERS.slice(i + 1)), dependencyTypesNot: ["type-only"] },
}));

module.exports = {
  forbidden: [
    { name: "no-circular", comment: "no import cycles", severity: "error", from: {}, to: { circular: true, dependencyTypesNot: ["type-only"] } },
    {
      name: "no-unknown-lib-folder",
      comment: "every folder of lib/ has a layer in .dependency-cruiser.cjs",
      severity: "error",
      from: { path: "^lib/[^/]+/", pathNot: folders(LAYERS) },
      to: {},
    },
    ...upward,
    { name: "core-imports-nothing-of-ours", severity: "error", from: { path: "^lib/core/" }, to: { path: "^(lib|app|ingest)/", pathNot: "^lib/core/" } },
    { name: "lib-is-below-app-cli-and-worker", severity: "error", from: { path: "^lib/" }, to: { path: "^(app|ingest)/" } },
    {
      name: "lib-imports-no-next",
      comment: "Next.js helpers live in app/_server",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "node_modules/next/" },
    },
    { name: "app-imports-no-process", severity: "error", from: { path: "^app/" }, to: { path: "^ingest/" } },
    { name: "processes-import-no-app", severity: "error", from: { path: "^ingest/" }, to: { path: "^app/" } },
    {
      name: "worker-is-below-cli",
      comment: "the CLI starts the worker, never the reverse",
      severity: "error",
      from: { path: "^ingest/worker/" },
      to: { path: "^ingest/cli/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|\\.next|test-results)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
