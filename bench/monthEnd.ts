// The month-end step of the web benches: finance closes a month over HTTP and views `/` and a unit
// page while its figures are rebuilt (in a `chargeback month refresh` child of the web server, or,
// with CHARGEBACK_MONTH_BUILDS=in-process, in the server itself). Prints the web server's peak RSS
// through it beside the peak RSS of the server's children, against the web server's target.
import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { timedFetch } from "./webSession";

export const RSS_TARGET_MB = 500;

const statusOf = (pid: number) => fs.readFileSync(`/proc/${pid}/status`, "utf8");
const kb = (status: string, field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
const childrenOf = (pid: number): number[] => {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
};

/** Samples the server's and its children's peak RSS (VmHWM) until `stop` is called, after the server's peak is reset. */
function sampleRss(server: number) {
  // Writing 5 to clear_refs resets VmHWM: the peak measured is this step's, not the pages' before it.
  fs.writeFileSync(`/proc/${server}/clear_refs`, "5");
  const children = new Map<number, number>();
  let running = true;
  const done = (async () => {
    while (running) {
      for (const child of childrenOf(server)) {
        try {
          children.set(child, Math.max(children.get(child) ?? 0, kb(statusOf(child), "VmHWM")));
        } catch {
          // It exited between the listing and the read.
        }
      }
      await sleep(100);
    }
  })();
  return async () => {
    running = false;
    await done;
    return { serverMb: kb(statusOf(server), "VmHWM") / 1024, childrenMb: [...children.values()].map((k) => k / 1024) };
  };
}

/** Closes `month` as finance, then views its `/` and a unit page (the rebuild runs meanwhile), and prints the peaks. */
export async function monthEnd(base: string, server: number, cookie: string, month: string, unit: string, timeoutMs: number): Promise<boolean> {
  const stop = sampleRss(server);
  const started = performance.now();
  const close = await fetch(`${base}/api/v1/months/${month}/close`, {
    method: "POST",
    headers: { cookie, origin: base, "content-type": "application/json" },
    body: JSON.stringify({ acceptWarnings: true }),
  });
  const closed = `HTTP ${close.status} in ${((performance.now() - started) / 1000).toFixed(1)} s`;
  if (!close.ok) console.log(`close of ${month} refused: ${await close.text()}`);
  const views = await Promise.all(
    [`/?month=${month}`, `/business-units/${encodeURIComponent(unit)}?month=${month}`].map((url) => timedFetch(`${base}${url}`, cookie, timeoutMs)),
  );
  const { serverMb, childrenMb } = await stop();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `\nmonth end (${month}): close ${closed}; / and a unit page during the rebuild: HTTP ${views.map((v) => v.status).join(", ")}, ${seconds} s in all`,
  );
  console.log(
    `web server peak RSS through it: ${serverMb.toFixed(0)} MB (target ${RSS_TARGET_MB} MB); its children's: ${childrenMb.length === 0 ? "none" : childrenMb.map((m) => `${m.toFixed(0)} MB`).join(", ")}`,
  );
  return close.ok && views.every((v) => v.status === 200) && serverMb < RSS_TARGET_MB;
}
