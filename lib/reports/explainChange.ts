import { allocateCents, attoToCents, formatCents, magnitude } from "../core/money";
import { previousMonth } from "../core/months";
import type { LedgerReader } from "../ledger/ledgerReader";
import type { App } from "../store/port";
import { type AppFigure, readAppFigures } from "./monthFigures";
import { monthLines, type MonthLines } from "../statements/monthLines";
import { ALL_UNITS, includesUnit, type ReportScope, scopeKey } from "./reportScope";
import { storedReports } from "./storedReports";
import { itemAt } from "../core/arrays";

export const CHANGE_CAUSES = ["volume", "price", "mix", "newApps", "goneApps", "moves", "corrections", "restated", "fees", "trueUps"] as const;
export type ChangeCause = (typeof CHANGE_CAUSES)[number];

const LABELS: Record<ChangeCause, string> = {
  volume: "Volume: more or fewer tokens at last month's prices",
  price: "Price: the same usage at this month's prices instead of last month's",
  mix: "Model mix: usage moved between models, deployments or token kinds",
  newApps: "New apps",
  goneApps: "Apps with no usage this month",
  moves: "Mapping and split-rule moves",
  corrections: "Corrections booked to closed months",
  restated: "Closed statements against their usage as priced and mapped now",
  fees: "Markups and fees",
  trueUps: "True-ups to the Azure invoice",
};

export type ChangeApp = { appId: string; appName: string; cost: string };
export type ChangePiece = { cause: ChangeCause; label: string; cost: string; apps: ChangeApp[] };
export type ChangeExplained = { month: string; previousMonth: string; currency: string; from: string; to: string; change: string; pieces: ChangePiece[] };

/** What one month's side of the comparison needs: its lines (frozen when closed) and its live figures per app. */
type ChangeSide = { lines: MonthLines; apps: readonly AppFigure[] };

const TOP_APPS = 5;

/**
 * Why a month's cost differs from the previous month's, in pieces that add up exactly to the
 * change the report shows (in the caller's scope): usage split into volume, price, model mix, new
 * and gone apps and (for a unit) mapping and split-rule moves; then corrections, the previous
 * month's restatement since its close, markups and true-ups. Null when the months are in different
 * currencies, which are never compared.
 */
export async function explainChange(reader: LedgerReader, month: string, scope: ReportScope = ALL_UNITS): Promise<ChangeExplained | null> {
  const { apps } = await reader.catalog();
  // Stored with the month's reports (whose stamp covers both months' lines and figures, and each
  // close). Apps are named as the directory names them now.
  const explained = await storedReports(reader, month).part(`explain:${scopeKey(scope)}`, () => explainFromLines(reader, month, scope));
  return explained && withNames(explained, apps);
}

/** The explanation from both months' lines, its apps named as their lines name them. */
async function explainFromLines(reader: LedgerReader, month: string, scope: ReportScope): Promise<ChangeExplained | null> {
  const before = previousMonth(month);
  const [lines, apps, previousLines, previousApps] = await Promise.all([
    monthLines(reader, month),
    readAppFigures(reader, month),
    monthLines(reader, before),
    readAppFigures(reader, before),
  ]);
  return explainFromSides({ lines, apps }, { lines: previousLines, apps: previousApps }, scope);
}

/** The directory's name of each app, where it has one: a rename shows at once, with no rebuild. */
function withNames(explained: ChangeExplained, appNames: readonly App[]): ChangeExplained {
  const names = new Map(appNames.map((a) => [a.appId, a.displayName]));
  const named = (a: ChangeApp) => ({ ...a, appName: names.get(a.appId) ?? a.appName });
  return { ...explained, pieces: explained.pieces.map((p) => ({ ...p, apps: p.apps.map(named) })) };
}

function explainFromSides(current: ChangeSide, previous: ChangeSide, scope: ReportScope): ChangeExplained | null {
  if (current.lines.currency !== previous.lines.currency) return null;
  const seen = (unit: string) => (unit === "" ? scope.units === "all" : includesUnit(scope, unit));
  const byKind = (side: ChangeSide, kind: string) => side.lines.lines.filter((l) => l.kind === kind && seen(l.businessUnit));
  const atto = (lines: { atto: bigint }[]) => lines.reduce((s, l) => s + l.atto, 0n);
  const cents = (side: ChangeSide) => side.lines.lines.filter((l) => seen(l.businessUnit)).reduce((s, l) => s + l.cents, 0n);

  const pieces = new Map<ChangeCause, { atto: bigint; apps: Map<string, bigint> }>(CHANGE_CAUSES.map((c) => [c, { atto: 0n, apps: new Map() }]));
  const add = (cause: ChangeCause, amount: bigint, appId?: string) => {
    const piece = pieces.get(cause)!;
    piece.atto += amount;
    if (appId !== undefined) piece.apps.set(appId, (piece.apps.get(appId) ?? 0n) + amount);
  };
  usageChange(current.apps, previous.apps, seen, add);
  // A closed month's lines are frozen, its ledger priced as of now: the difference is what later
  // corrections restate. The usage pieces compare the ledgers; this brings them back to the lines.
  const restated = (side: ChangeSide) => side.apps.reduce((sum, a) => sum + seenAtto(a, seen), 0n) - atto(byKind(side, "usage"));
  add("restated", restated(previous) - restated(current));
  const lineChange = (cause: ChangeCause, kind: string) => {
    for (const l of byKind(current, kind)) add(cause, l.atto, l.appId);
    for (const l of byKind(previous, kind)) add(cause, -l.atto, l.appId);
  };
  lineChange("corrections", "adjustment");
  lineChange("fees", "markup");
  lineChange("trueUps", "trueup");

  const [to, from] = [cents(current), cents(previous)];
  const list = [...pieces];
  const pieceCents = allocateCents(
    list.map(([, p]) => p.atto),
    to - from,
  );
  const lineNames = new Map([...previous.lines.lines, ...current.lines.lines].map((l) => [l.appId, l.appName]));
  return {
    month: current.lines.month,
    previousMonth: previous.lines.month,
    currency: current.lines.currency,
    from: formatCents(from),
    to: formatCents(to),
    change: formatCents(to - from),
    pieces: list
      .map(([cause, p], i) => ({
        cause,
        label: LABELS[cause],
        cost: formatCents(itemAt(pieceCents, i)),
        apps: [...p.apps]
          .filter(([, amount]) => amount !== 0n)
          .sort(([, a], [, b]) => (magnitude(b) > magnitude(a) ? 1 : magnitude(b) < magnitude(a) ? -1 : 0))
          .slice(0, TOP_APPS)
          .map(([appId, amount]) => ({ appId, appName: lineNames.get(appId) ?? appId, cost: formatCents(attoToCents(amount)) })),
      }))
      .filter((p, i) => itemAt(list, i)[1].atto !== 0n || p.cost !== "0.00"),
  };
}

type AppFigures = { seen: bigint; all: bigint; atPreviousPrices: bigint; tokens: bigint };
const seenAtto = (a: AppFigure, seen: (unit: string) => boolean) => a.units.reduce((sum, [unit, atto]) => (seen(unit) ? sum + atto : sum), 0n);

/**
 * The usage change app by app. An app's change at whole-app level is volume (its previous cost
 * scaled by its tokens), price (this month's usage re-priced as on the previous month's last day)
 * and mix (the rest); a scope that holds a share of an app holds that share of each, and what its
 * share itself changed by is a move.
 */
function usageChange(
  current: readonly AppFigure[],
  previous: readonly AppFigure[],
  seen: (unit: string) => boolean,
  add: (cause: ChangeCause, amount: bigint, appId: string) => void,
) {
  const now = figures(current, seen, true);
  const then = figures(previous, seen, false);
  for (const appId of new Set([...now.keys(), ...then.keys()])) {
    const c = now.get(appId) ?? { seen: 0n, all: 0n, atPreviousPrices: 0n, tokens: 0n };
    const p = then.get(appId) ?? { seen: 0n, all: 0n, atPreviousPrices: 0n, tokens: 0n };
    if (p.all === 0n && c.all === 0n) continue;
    if (p.all === 0n) {
      add("newApps", c.seen, appId);
      continue;
    }
    if (c.all === 0n) {
      add("goneApps", -p.seen, appId);
      continue;
    }
    // The scope's part of this month's cost had its share of the app not changed, and the move that it did.
    const expected = (c.all * p.seen) / p.all;
    add("moves", c.seen - expected, appId);
    const price = ((c.all - c.atPreviousPrices) * p.seen) / p.all;
    const volume = p.tokens === 0n ? 0n : (((p.all * c.tokens) / p.tokens - p.all) * p.seen) / p.all;
    add("price", price, appId);
    add("volume", volume, appId);
    add("mix", expected - p.seen - price - volume, appId);
  }
}

/**
 * Per app: its cost in the scope, its whole cost, its tokens and (`repriced`) its whole cost at
 * the previous month's last prices. Split rules' overheads are not charged usage: their cost is
 * the same at any price.
 */
function figures(apps: readonly AppFigure[], seen: (unit: string) => boolean, repriced: boolean): Map<string, AppFigures> {
  return new Map(
    apps.map((a) => {
      const all = a.units.reduce((sum, [, atto]) => sum + atto, 0n);
      return [a.appId, { seen: seenAtto(a, seen), all, tokens: a.tokens, atPreviousPrices: repriced ? (a.inUsage ? a.repriced : all) : 0n }];
    }),
  );
}
