import { z } from "zod";
import { dayOf, now } from "../core/clock";
import { monthDays } from "../core/months";
import { LedgerReader } from "../ledger/ledgerReader";
import type { OrgMapping } from "../org/orgMapping";
import { OrgDirectory } from "../org/orgMapping";
import type { BudgetStore, ReportStore } from "../store/port";
import { getBudgetStatus } from "./budgetStatus";

/** What the gateway is told of an app: whether its calls may go on, and which hard budgets stop them. */
export const GetBudgetStateResponse = z.object({
  appId: z.string(),
  allowed: z.boolean(),
  month: z.string(),
  /** When the budgets were last computed (the state is at most one refresh old). */
  checkedAt: z.string(),
  over: z.array(z.object({ scope: z.string(), amount: z.string(), actual: z.string(), currency: z.string() })),
  /** For the caller, when refused: which budget and until when. */
  message: z.string().nullable(),
  /** Seconds until the month ends, when refused: a new month starts a new budget. */
  retryAfterSeconds: z.number().int().nullable(),
});
export type GetBudgetStateResponse = z.infer<typeof GetBudgetStateResponse>;

/** The hard budgets used up this month and the mappings that place an app in them, computed once per refresh. */
export type BudgetSnapshot = {
  at: number;
  month: string;
  exhausted: { scope: string; amount: string; actual: string; currency: string }[];
  mappings: OrgMapping[];
};

export async function loadBudgetSnapshot(store: ReportStore & BudgetStore, at = now()): Promise<BudgetSnapshot> {
  const month = dayOf(at).slice(0, 7);
  const [budgets, mappings] = await Promise.all([store.listBudgets(), store.listOrgMappings()]);
  const hard = budgets.filter((b) => b.hard && !b.scope.startsWith("tag:"));
  const status = hard.length === 0 ? [] : await getBudgetStatus(new LedgerReader(store), hard, month, at);
  const exhausted = status.filter((s) => s.exhausted).map(({ scope, amount, actual, currency }) => ({ scope, amount, actual, currency }));
  return { at, month, exhausted, mappings };
}

/**
 * Whether the app's calls may go on: not when the app, its cost center or its business unit (by
 * today's mapping) has a hard budget this month that its actual cost has reached. Tag budgets are
 * never enforced here: a call's tags are not the gateway's to judge before it runs.
 */
export function budgetStateOf(snapshot: BudgetSnapshot, appId: string): GetBudgetStateResponse {
  const mapping = new OrgDirectory(snapshot.mappings).on(appId, dayOf(snapshot.at));
  const scopes = new Set([`app:${appId}`, ...(mapping ? [`cost-center:${mapping.costCenter}`, `business-unit:${mapping.businessUnit}`] : [])]);
  const over = snapshot.exhausted.filter((e) => scopes.has(e.scope));
  const nextMonth = Date.parse(`${monthDays(snapshot.month).to}T00:00:00Z`);
  const first = over[0];
  return {
    appId,
    allowed: over.length === 0,
    month: snapshot.month,
    checkedAt: new Date(snapshot.at).toISOString(),
    over,
    message: first
      ? `The ${snapshot.month} budget of ${first.scope} (${first.currency} ${first.amount}) is used up (${first.currency} ${first.actual}): calls are refused until ${monthDays(snapshot.month).to} or until finance raises it.`
      : null,
    retryAfterSeconds: first ? Math.max(1, Math.ceil((nextMonth - snapshot.at) / 1000)) : null,
  };
}

/**
 * The snapshot, refreshed every `refreshMs` in the background: a request never waits for a
 * refresh once the first snapshot exists, so it is answered from memory. A failed refresh keeps
 * the last good snapshot and is tried again at the next request.
 */
export function budgetStateCache(load: () => Promise<BudgetSnapshot>, refreshMs: number, clock: () => number = Date.now) {
  let current: { snapshot: BudgetSnapshot; loadedAt: number } | undefined;
  let loading: Promise<BudgetSnapshot> | undefined;
  const refresh = () => {
    loading ??= load()
      .then((snapshot) => {
        current = { snapshot, loadedAt: clock() };
        return snapshot;
      })
      .finally(() => {
        loading = undefined;
      });
    return loading;
  };
  return {
    async get(): Promise<BudgetSnapshot> {
      if (!current) return refresh();
      if (clock() - current.loadedAt >= refreshMs) refresh().catch(() => undefined);
      return current.snapshot;
    },
  };
}
