/**
 * Who builds a month's stale materialized parts. By default whoever reads one builds it in its own
 * process (the CLI, the worker, tests). The web server hands the build to a builder instead
 * (childMonthBuilder.ts: `chargeback month refresh` in a child process), so it never holds a
 * month's ledger: at 5,000 apps that is ~350 MB, ~800 MB at the build's peak.
 */
export type MonthBuilder = (month: string) => Promise<void>;

/**
 * Below this many apps a month is built where it is read: its ledger is small (~70 MB at 1,000
 * apps, ~350 MB at 5,000) and a child's start-up (1-3 s) would cost more than the build.
 */
export const DELEGATED_FROM_APPS = 1000;

// On globalThis, as the shared store is (lib/store/index.ts): the web server's start-up
// (instrumentation.ts) and its pages may be bundled apart, each with its own copy of this module.
const held = globalThis as { chargebackMonthBuilder?: { builder: MonthBuilder; fromApps: number } };

/**
 * Hands every later build of a stale month of a catalog of `fromApps` apps or more in this process
 * to `builder` (undefined: build in process again).
 */
export function delegateMonthBuilds(builder: MonthBuilder | undefined, { fromApps = DELEGATED_FROM_APPS }: { fromApps?: number } = {}): void {
  held.chargebackMonthBuilder = builder && { builder, fromApps };
}

/** The builder this process hands the builds of a catalog of `apps` apps to, if any. */
export const monthBuilder = (apps: number): MonthBuilder | undefined => {
  const delegated = held.chargebackMonthBuilder;
  return delegated && apps >= delegated.fromApps ? delegated.builder : undefined;
};

// One build per store and month at a time: a view that finds a part stale while the build a close
// scheduled (or another view's) runs waits for that one. Its failure is every waiter's.
const running = new WeakMap<object, Map<string, Promise<void>>>();
// The stamps each month's parts were read under when a build finished: a part still stale after a
// build under the same stamp is one the build does not make (materializedMonth.ts builds it here).
const handed = new WeakMap<object, Map<string, string[]>>();
const STAMPS_KEPT = 8;

/** Runs `builder` for the store's month, or joins the run under way. */
export function buildMonthWith(store: object, month: string, builder: MonthBuilder): Promise<void> {
  let runs = running.get(store);
  if (!runs) running.set(store, (runs = new Map()));
  const known = runs.get(month);
  if (known) return known;
  const run = builder(month).finally(() => runs.delete(month));
  runs.set(month, run);
  return run;
}

/**
 * For a reader that found a part of the month stale under `stamp`: true once the delegated build
 * has run (the part is then read stored), false when nothing is delegated (or the catalog has
 * fewer apps than delegated builds start from: `apps`) or a build already ran for this stamp and
 * left the part stale (the caller builds it itself). Throws when the build fails.
 */
export async function builtElsewhere(store: object, month: string, stamp: string, apps: () => Promise<number>): Promise<boolean> {
  const builder = held.chargebackMonthBuilder && monthBuilder(await apps());
  if (!builder) return false;
  let byMonth = handed.get(store);
  if (!byMonth) handed.set(store, (byMonth = new Map()));
  if (byMonth.get(month)?.includes(stamp)) return false;
  await buildMonthWith(store, month, builder);
  byMonth.set(month, [...(byMonth.get(month) ?? []), stamp].slice(-STAMPS_KEPT));
  return true;
}
