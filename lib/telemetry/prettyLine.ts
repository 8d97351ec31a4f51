/** Keys shown in the line's head, not repeated among the fields. */
const HEAD = new Set(["time", "level", "component", "msg", "pid", "hostname", "name", "event"]);

/**
 * One JSON log line as a short readable one, for a terminal: `12:00:01 WARN eventhubs batch.retry
 * partition 0 … attempt=2`. Cheaper than pino-pretty and its dozen dependencies, and enough for a
 * person watching a local worker; machines read the JSON.
 */
export function prettyLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json);
  } catch {
    return json.endsWith("\n") ? json : `${json}\n`;
  }
  const time = typeof entry.time === "string" ? entry.time.slice(11, 19) : "";
  const fields = Object.entries(entry)
    .filter(([k]) => !HEAD.has(k))
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
  const head = [time, String(entry.level ?? "").toUpperCase(), entry.component, entry.event, entry.msg].filter((p) => p !== undefined && p !== "");
  return `${[...head, ...fields].join(" ")}\n`;
}
