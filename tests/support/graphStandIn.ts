// A local stand-in for Microsoft Graph's $batch endpoint, serving recorded service principals
// (tests/fixtures/graph), 404s with Graph's error body for the rest, and scripted throttling.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

const RECORDED = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "fixtures", "graph", "service-principals.json"), "utf8")) as Record<string, unknown>;

export type GraphStandIn = { url: string; batchSizes: number[]; close: () => Promise<void> };

/**
 * `throttleFirstBatch`: the first $batch gets 429 + Retry-After: 1; `throttleOnce`: these app ids
 * get an inner 429 once, with `retryAfter` (default 2 s); `throttleAlways`: these, every time.
 * `hang`: requests are accepted and never answered; `batchStatus`: every $batch gets this status
 * with an empty body; `notFound`: every id is a 404, recorded or not.
 */
export async function startGraphStandIn({
  throttleFirstBatch = false,
  throttleOnce = [] as string[],
  throttleAlways = [] as string[],
  retryAfter = "2",
  hang = false,
  batchStatus = 0,
  notFound = false,
} = {}): Promise<GraphStandIn> {
  const batchSizes: number[] = [];
  const throttled = new Set<string>();
  let batches = 0;
  const server = http.createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    if (hang) return;
    if (batchStatus) {
      res.writeHead(batchStatus);
      return res.end();
    }
    if (req.method !== "POST" || !req.url?.endsWith("/$batch")) {
      res.writeHead(404, { "content-type": "application/json" });
      return res.end(JSON.stringify({ error: { code: "BadRequest", message: "Unsupported here" } }));
    }
    if (throttleFirstBatch && batches++ === 0) {
      res.writeHead(429, { "content-type": "application/json", "retry-after": "1" });
      return res.end(JSON.stringify({ error: { code: "TooManyRequests", message: "Too many requests" } }));
    }
    const { requests } = JSON.parse(body) as { requests: { id: string; url: string }[] };
    batchSizes.push(requests.length);
    const responses = requests.map(({ id, url }) => {
      // Inner URLs may come with or without the version prefix.
      const appId = decodeURIComponent(/servicePrincipals\(appId='([^']+)'\)/.exec(url)?.[1] ?? "");
      if (throttleAlways.includes(appId) || (throttleOnce.includes(appId) && !throttled.has(appId))) {
        throttled.add(appId);
        return { id, status: 429, headers: { "Retry-After": retryAfter }, body: { error: { code: "TooManyRequests", message: "Throttled" } } };
      }
      const sp = notFound ? undefined : RECORDED[appId];
      if (sp) return { id, status: 200, headers: { "Content-Type": "application/json" }, body: sp };
      return {
        id,
        status: 404,
        headers: { "Content-Type": "application/json" },
        body: {
          error: {
            code: "Request_ResourceNotFound",
            message: `Resource '${appId}' does not exist or one of its queried reference-property objects are not present.`,
          },
        },
      };
    });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ responses }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    batchSizes,
    close: () => {
      server.closeAllConnections(); // hung requests included
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
