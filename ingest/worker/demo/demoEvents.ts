import { DEMO_DEPLOYMENTS, type DemoApp } from "./demoOrganisation";
import { guid, pick } from "./random";
import { itemAt } from "../../../lib/core/arrays";

const DAY_MS = 86_400_000;
const REASONING = /^(o\d|gpt-5)/;
const byName = new Map(DEMO_DEPLOYMENTS.map((d) => [d.deployment, d]));

function weightedApp(random: () => number, apps: readonly DemoApp[], totalWeight: number): DemoApp {
  let r = random() * totalWeight;
  for (const app of apps) if ((r -= app.weight) <= 0) return app;
  return itemAt(apps, apps.length - 1); // the last, should rounding leave a sliver of weight
}

/** .NET en-US culture time, as the seed policy and the AI Hub Gateway log it. */
function usCulture(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 === 0 ? 12 : h % 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? "AM" : "PM"}`;
}

/** One realistic gateway event at `time`, in one of the three shapes the pipeline accepts. */
export function demoEventLine(random: () => number, apps: readonly DemoApp[], totalWeight: number, time: number): string {
  const app = weightedApp(random, apps, totalWeight);
  const deployment = byName.get(pick(random, app.deployments))!;
  const embedding = deployment.deployment.startsWith("embed");
  const prompt = Math.floor((embedding ? 200 : 300) + random() * (embedding ? 2800 : 5700));
  const cached = !embedding && random() < 0.3 ? Math.floor(prompt * (0.3 + random() * 0.5)) : 0;
  const completion = embedding ? 0 : Math.floor(40 + random() * 1400);
  const reasoning = REASONING.test(deployment.model) ? Math.floor(completion * random() * 0.7) : 0;
  const operation = embedding ? "embeddings" : "chat.completions";
  const shape = random();
  if (shape < 0.8 || deployment.sku === "GlobalBatch") {
    const requestId = guid(random);
    return JSON.stringify({
      schema: "chargeback/v1",
      requestId,
      time: new Date(time).toISOString(),
      appId: app.appId,
      deployment: deployment.deployment,
      model: deployment.model,
      operation,
      region: deployment.region,
      promptTokens: prompt,
      cachedTokens: cached,
      completionTokens: completion,
      reasoningTokens: reasoning,
      totalTokens: prompt + completion,
      modelTimeMs: Math.floor(80 + random() * 4000),
      status: 200,
      streamed: !embedding && random() < 0.5,
      subscriptionId: `sub-${app.appId.slice(0, 4)}`,
      product: "ai-platform",
      ...demoDimensions(requestId),
    });
  }
  if (shape < 0.95) {
    // The seed policy names no deployment: the "*" default (GlobalStandard, eastus2) prices it.
    return JSON.stringify({
      "event-time": usCulture(time),
      appid: app.appId,
      operation: embedding ? "list" : "chat.completion",
      model: deployment.model === "" ? "gpt-4o-mini-2024-07-18" : deployment.model,
      modeltime: String(Math.floor(80 + random() * 4000)),
      completion_tokens: String(completion),
      prompt_tokens: String(prompt),
      total_tokens: String(prompt + completion),
    });
  }
  return JSON.stringify({
    id: `chatcmpl-${guid(random).replace(/-/g, "").slice(0, 24)}`,
    timestamp: usCulture(time),
    appId: app.appId,
    subscriptionId: "master",
    productName: "AI-Platform",
    targetService: embedding ? "embeddings" : "chat.completion",
    model: deployment.model,
    gatewayName: "apim-demo.azure-api.net",
    gatewayRegion: "East US 2",
    aiGatewayId: "managed",
    RequestIp: "X.Y.Z",
    operationName: "Creates a completion",
    sessionId: "NA",
    endUserId: "NA",
    backendId: "openai-1",
    routeLocation: deployment.region,
    routeName: deployment.region,
    deploymentName: deployment.deployment,
    promptTokens: String(prompt),
    responseTokens: String(completion),
    totalTokens: String(prompt + completion),
  });
}

const PROJECTS = ["apollo", "hermes", "atlas", "zephyr"];

/**
 * Tags and an end user drawn from the request id's digits, not from `random`: the rest of the demo
 * stays what it was. About one call in eight carries no tags, one in four no end user.
 */
function demoDimensions(requestId: string): { tags?: Record<string, string>; endUser?: string } {
  const digit = (i: number) => parseInt(requestId.charAt(i), 16);
  const out: { tags?: Record<string, string>; endUser?: string } = {};
  if (digit(0) >= 2) out.tags = { project: itemAt(PROJECTS, digit(1) % PROJECTS.length), environment: digit(2) < 12 ? "prod" : "dev" };
  if (digit(3) >= 4) out.endUser = `user${String(digit(4) * 16 + digit(5)).padStart(3, "0")}@contoso.example`;
  return out;
}

const FAILURES = [
  { status: 429 }, // throttled: not billed
  { status: 400, errorCode: "content_filter" }, // prompt filtered: billed, usage unknown
  { status: 500 },
  { status: 200, streamed: true, errorCode: "client_disconnect" }, // cut off, usage never seen
] as const;

/** Calls that failed or were cut off, a few a day, with no usage: the demo's failed-call volume and ingest warnings. */
export function* demoFailures(random: () => number, apps: readonly DemoApp[], from: number, to: number, perDay: number): Generator<string> {
  for (let day = from; day < to; day += DAY_MS) {
    for (let i = Math.floor(perDay * random()); i > 0; i--) {
      const time = day + Math.floor(random() * DAY_MS);
      if (time >= to) continue;
      const app = pick(random, apps);
      const deployment = byName.get(pick(random, app.deployments))!;
      yield JSON.stringify({
        schema: "chargeback/v1",
        requestId: guid(random),
        time: new Date(time).toISOString(),
        appId: app.appId,
        deployment: deployment.deployment,
        model: deployment.model,
        operation: "chat.completions",
        region: deployment.region,
        streamed: false,
        ...pick(random, FAILURES),
        // A day's last one carries a tag key with a space, as a hand-written header might: dropped with a warning.
        ...(i === 1 ? { tags: { "team name": "search" } } : {}),
      });
    }
  }
}

const BROKEN = [
  (line: string) => line.slice(0, Math.floor(line.length / 2)), // cut off mid-write
  (line: string) => line.replace(/"promptTokens":\d+/, '"promptTokens":-12'),
  (line: string) => line.replace(/"appId":"[^"]*",/, ""),
];

/** Usage from `from` to `to`, busier on weekdays, with a few broken lines for the quarantine. */
export function* demoHistory(random: () => number, apps: readonly DemoApp[], from: number, to: number, perDay: number): Generator<string> {
  const totalWeight = apps.reduce((sum, a) => sum + a.weight, 0);
  for (let day = from; day < to; day += DAY_MS) {
    const weekday = new Date(day).getUTCDay() % 6 !== 0;
    const count = Math.floor(perDay * (weekday ? 1 : 0.35) * (0.85 + random() * 0.3));
    const times = Array.from({ length: count }, () => day + Math.floor(random() * DAY_MS))
      .filter((t) => t < to)
      .sort((a, b) => a - b);
    for (const time of times) {
      const line = demoEventLine(random, apps, totalWeight, time);
      yield random() < 0.0005 && line.startsWith('{"schema"') ? pick(random, BROKEN)(line) : line;
    }
  }
}
