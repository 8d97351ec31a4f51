import { setTimeout as sleep } from "node:timers/promises";
import { UserError } from "../core/errors";
import { readRetailPricePage } from "./importRetailPrices";
import type { RetailPriceItem } from "./retailPrice";

export const RETAIL_PRICES_URL = "https://prices.azure.com";
const API_VERSION = "2023-01-01-preview";

export type RetailPricesQuery = { baseUrl: string; regions: string[]; currency: string; reservations: boolean };
/** A Retry-After of an hour would hold a scheduled sync for hours: wait at most this, and let the next sync try again. */
const MAX_RETRY_AFTER_MS = 60_000;

export type FetchOptions = { maxAttempts?: number; wait?: (ms: number) => Promise<unknown> };

/** The first page's URL: Azure OpenAI lives under serviceName "Foundry Models" now. */
export function firstPageUrl(q: RetailPricesQuery, region: string | null): string {
  const types = q.reservations ? "(priceType eq 'Consumption' or priceType eq 'Reservation')" : "priceType eq 'Consumption'";
  const filter = [`serviceName eq 'Foundry Models'`, types, ...(region ? [`armRegionName eq '${region}'`] : [])].join(" and ");
  const url = new URL("/api/retail/prices", q.baseUrl);
  url.searchParams.set("api-version", API_VERSION);
  url.searchParams.set("currencyCode", `'${q.currency}'`);
  url.searchParams.set("$filter", filter);
  return url.toString();
}

/** Some continuation links carry `$top=0`, which the API answers with 400: drop it. */
export function mendNextPageLink(link: string): string {
  const url = new URL(link);
  if (url.searchParams.get("$top") === "0") url.searchParams.delete("$top");
  return url.toString();
}

/**
 * Every item the query matches, following NextPageLink page by page. A page answered with 429
 * or 5xx (or not at all) is asked again after Retry-After or an exponential back-off; when it
 * still fails, the whole fetch fails, so a sync never saves half a price list.
 */
export async function fetchRetailPrices(q: RetailPricesQuery, options: FetchOptions = {}): Promise<RetailPriceItem[]> {
  const items: RetailPriceItem[] = [];
  const origin = new URL(q.baseUrl).origin;
  for (const region of q.regions.length > 0 ? q.regions : [null]) {
    let url: string | null = firstPageUrl(q, region);
    while (url) {
      // Links are followed only on the API's own host: a page cannot send us elsewhere.
      if (new URL(url).origin !== origin) throw new UserError(`the Retail Prices API linked to another host: ${new URL(url).origin}`);
      const page = readRetailPricePage(await getPage(url, options), url);
      items.push(...page.items);
      url = page.next ? mendNextPageLink(page.next) : null;
    }
  }
  return items;
}

async function getPage(url: string, { maxAttempts = 5, wait = sleep }: FetchOptions): Promise<string> {
  let problem = "";
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    let retryAfterMs = 2 ** attempt * 500;
    try {
      const response = await fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(60_000) });
      if (response.ok) return await response.text();
      problem = `HTTP ${response.status} for ${url}`;
      if (response.status !== 429 && response.status < 500) throw new UserError(`the Retail Prices API refused the request: ${problem}`);
      const after = Number(response.headers.get("retry-after"));
      if (Number.isFinite(after) && after > 0) retryAfterMs = Math.min(after * 1000, MAX_RETRY_AFTER_MS);
    } catch (error) {
      if (error instanceof UserError) throw error;
      problem = `${(error as Error).message} (${url})`;
    }
    if (attempt < maxAttempts) await wait(retryAfterMs);
  }
  throw new UserError(`the Retail Prices API did not answer after ${maxAttempts} attempts: ${problem}`);
}
