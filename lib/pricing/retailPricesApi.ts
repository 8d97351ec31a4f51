import { UserError } from "../core/errors";
import { parseRetryAfter, RetriesExhausted, Retryable, withRetry, type RetryPolicy } from "../retry/retryPolicy";
import { readRetailPricePage } from "./importRetailPrices";
import type { RetailPriceItem } from "./retailPrice";
import { countRetry } from "../telemetry/instruments";

const API_VERSION = "2023-01-01-preview";

export type RetailPricesQuery = { baseUrl: string; regions: string[]; currency: string; reservations: boolean };
/** A page is asked at most 5 times within 10 minutes; a Retry-After over a minute is cut to one (the next sync tries again). */
const RETAIL_PRICES_RETRY: RetryPolicy = { maxAttempts: 5, maxTotalMs: 600_000, firstDelayMs: 1_000, maxDelayMs: 30_000, maxRetryAfterMs: 60_000 };

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

async function getPage(url: string, { maxAttempts = 5, wait }: FetchOptions): Promise<string> {
  try {
    return await withRetry({ ...RETAIL_PRICES_RETRY, maxAttempts }, () => getPageOnce(url), { sleep: wait, onRetry: countRetry("retail-prices") });
  } catch (error) {
    if (error instanceof RetriesExhausted) throw new UserError(`the Retail Prices API did not answer after ${error.attempts} attempts: ${error.cause.message}`);
    throw error;
  }
}

async function getPageOnce(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    throw new Retryable(`${(error as Error).message} (${url})`);
  }
  if (response.ok) return await response.text();
  const problem = `HTTP ${response.status} for ${url}`;
  if (response.status !== 429 && response.status < 500) throw new UserError(`the Retail Prices API refused the request: ${problem}`);
  throw new Retryable(problem, parseRetryAfter(response.headers.get("retry-after")));
}
