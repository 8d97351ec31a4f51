import { itemAt } from "../lib/core/arrays";
// What the web benches share: waiting for the server, signing in as finance, timing requests.
import { setTimeout as sleep } from "node:timers/promises";

export async function waitForServer(base: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(`${base}/signin`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await sleep(1000);
  }
  throw new Error("the web app did not start");
}

/** Signs in as a persona (finance unless named) through the sign-in form's Server Action, as a browser without JS would. */
export async function financeCookie(base: string, persona = "local-finance"): Promise<string> {
  const html = await (await fetch(`${base}/signin`)).text();
  const form = html.split("<form").find((f) => f.includes(`value="${persona}"`))!;
  const action = itemAt(/name="(\$ACTION_ID_\w+)"/.exec(form)!, 1);
  const body = new FormData();
  body.set(action, "");
  body.set("persona", persona);
  body.set("next", "/");
  const response = await fetch(`${base}/signin`, { method: "POST", body, headers: { origin: base }, redirect: "manual" });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("chargeback_session="));
  if (!cookie) throw new Error(`sign-in failed: HTTP ${response.status}`);
  return cookie.split(";", 1)[0] ?? cookie;
}

export type Timing = { ms: number; status: number; bytes: number };

/** One request, read to its end; status 0 when it failed or took longer than `timeoutMs`. */
export async function timedFetch(url: string, cookie: string, timeoutMs = 600_000): Promise<Timing> {
  const started = performance.now();
  try {
    const response = await fetch(url, { headers: { cookie }, signal: AbortSignal.timeout(timeoutMs) });
    const bytes = (await response.arrayBuffer()).byteLength;
    return { ms: performance.now() - started, status: response.status, bytes };
  } catch {
    return { ms: performance.now() - started, status: 0, bytes: 0 };
  }
}

/** The median of `runs` requests after one that warms caches (and is returned apart, as `first`). */
export async function median(url: string, cookie: string, runs: number, timeoutMs?: number): Promise<Timing & { first: Timing }> {
  const first = await timedFetch(url, cookie, timeoutMs);
  if (first.status === 0) return { ...first, first };
  const times: Timing[] = [];
  for (let i = 0; i < runs; i++) times.push(await timedFetch(url, cookie, timeoutMs));
  return {
    ...itemAt(
      times.sort((a, b) => a.ms - b.ms),
      Math.floor(times.length / 2),
    ),
    first,
  };
}
