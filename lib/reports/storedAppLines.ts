import type { LedgerReader } from "../ledger/ledgerReader";
import { monthLines } from "../statements/monthLines";
import type { CostedLine } from "../statements/statementLine";
import { storedReports } from "./storedReports";

/** One app's lines of the month, with the month's currency and whether it is closed. */
export type AppLines = { currency: string; closed: boolean; lines: CostedLine[] };

/**
 * One app's lines of the month (every unit's: a view filters them by its scope), stored per app
 * with the month's reports by the first view that asks, so the app's page and forecast read a few
 * lines instead of the month's ~15,000.
 */
export async function readAppLines(reader: LedgerReader, month: string, appId: string): Promise<AppLines> {
  const build = async (): Promise<AppLines> => {
    const [{ currency, closed }, byApp] = await Promise.all([monthLines(reader, month), linesByApp(reader, month)]);
    return { currency, closed: closed !== null, lines: byApp.get(appId) ?? [] };
  };
  return storedReports(reader, month).part(`appLines:${JSON.stringify(appId)}`, build);
}

/** The month's lines grouped by app, once per reader: the figures refresh stores every app's from one pass. */
const linesByApp = (reader: LedgerReader, month: string): Promise<Map<string, CostedLine[]>> =>
  reader.once(`linesByApp:${month}`, async () => {
    const byApp = new Map<string, CostedLine[]>();
    for (const l of (await monthLines(reader, month)).lines) {
      const lines = byApp.get(l.appId);
      if (lines) lines.push(l);
      else byApp.set(l.appId, [l]);
    }
    return byApp;
  });
