// A local stand-in for the Azure Retail Prices API serving the real snapshots in pages of 100,
// with the API's quirks: continuation links that carry `$top=0` (which it answers with 400),
// and, when asked, throttling and server errors.
import fs from "node:fs";
import http from "node:http";
import { SNAPSHOT_FILES } from "./retailPrices";

const ITEMS = SNAPSHOT_FILES.flatMap((file) => (JSON.parse(fs.readFileSync(file, "utf8")) as { Items: { armRegionName: string }[] }).Items);
const PAGE = 100;

export type RetailPricesStandIn = { url: string; requests: string[]; close: () => Promise<void> };

/** `retryAfter`: the Retry-After of the first answer's 429 (with `throttleFirst`). */
export async function startRetailPricesStandIn({
  throttleFirst = false,
  failOnce = false,
  alwaysFail = false,
  retryAfter = "1",
} = {}): Promise<RetailPricesStandIn> {
  const requests: string[] = [];
  let throttled = !throttleFirst;
  let failed = !failOnce;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(url.search);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    if (alwaysFail) return send(500, { Error: "Internal" });
    if (!throttled) {
      throttled = true;
      return send(429, { Error: "Too many requests" }, { "retry-after": retryAfter });
    }
    if (url.searchParams.get("$top") === "0") return send(400, { Error: { Code: "BadRequest", Message: "Invalid $top" } });
    const skip = Number(url.searchParams.get("$skip") ?? 0);
    if (skip > 0 && !failed) {
      failed = true;
      return send(503, { Error: "Service unavailable" });
    }
    const filter = url.searchParams.get("$filter") ?? "";
    if (!filter.includes("serviceName eq 'Foundry Models'")) return send(200, { Items: [], NextPageLink: null, Count: 0 });
    const region = /armRegionName eq '([^']+)'/.exec(filter)?.[1];
    const matching = ITEMS.filter((i) => !region || i.armRegionName === region);
    const items = matching.slice(skip, skip + PAGE);
    const next = new URL(url.toString().replace("http://127.0.0.1", `http://127.0.0.1:${(server.address() as { port: number }).port}`));
    next.searchParams.set("$skip", String(skip + PAGE));
    // Like the real API, every other continuation link carries $top=0.
    if ((skip / PAGE) % 2 === 0) next.searchParams.set("$top", "0");
    send(200, {
      BillingCurrency: "USD",
      CustomerEntityId: "Default",
      CustomerEntityType: "Retail",
      Items: items,
      NextPageLink: skip + PAGE < matching.length ? next.toString() : null,
      Count: items.length,
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((done) => server.close(() => done())) });
    }),
  );
}
