import { now } from "../core/clock";
import { firstIssue, UserError } from "../core/errors";
import type { AuditContext, UpsertSummary, CatalogStore } from "../store/port";
import { PriceBook } from "./priceBook";
import { RetailPriceItem, RetailPricePage } from "./retailPrice";

export type PriceImportSummary = UpsertSummary & { items: number; tokenPrices: number; conflicts: string[] };

/** Parses a Retail Prices API response file (`Items`, `NextPageLink`) into price items. */
export function parseRetailPricePage(text: string, file: string): RetailPriceItem[] {
  return readRetailPricePage(text, file).items;
}

/** A Retail Prices API page: its items and the link to the next page, if any. */
export function readRetailPricePage(text: string, file: string): { items: RetailPriceItem[]; next: string | null } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UserError(`${file}: not valid JSON`);
  }
  const page = RetailPricePage.safeParse(json);
  if (!page.success) throw new UserError(`${file}: not a Retail Prices API response (needs an "Items" array)`);
  const items = page.data.Items.map((raw, i) => {
    const item = RetailPriceItem.safeParse(raw);
    if (!item.success) {
      const issue = firstIssue(item.error);
      throw new UserError(`${file}: Items[${i}].${issue.path.join(".")} ${issue.message}`);
    }
    return item.data;
  });
  return { items, next: page.data.NextPageLink ?? null };
}

/**
 * Stores the items (keeping every effective date) once the book they make is known to be sound,
 * and says how many token prices it holds and which meters disagree about one.
 */
export async function importRetailPrices(store: CatalogStore, items: RetailPriceItem[], audit?: AuditContext): Promise<PriceImportSummary> {
  // Check (and count) in the currency the items are in: a EUR sync builds a EUR book.
  const currency = items[0]?.currencyCode ?? "USD";
  try {
    new PriceBook(items, currency);
  } catch (error) {
    throw new UserError(`nothing imported: ${(error as Error).message}`);
  }
  const summary = await store.saveRetailPrices(items, now(), audit);
  const book = new PriceBook(await store.listRetailPrices(), currency);
  return { items: items.length, ...summary, tokenPrices: book.size, conflicts: book.conflicts };
}
