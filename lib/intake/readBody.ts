/** The intake's limits: the largest body, and how long its bytes may take to arrive. */
export type BodyLimits = { maxBytes: number; withinMs: number };
export const INTAKE_BODY_LIMITS: BodyLimits = { maxBytes: 4 * 1024 * 1024, withinMs: 30_000 };

export type BodyRead = { text: string } | { refused: "too-large" | "too-slow" };

/**
 * Reads a body as text, stopping as soon as it passes `maxBytes` (whatever Content-Length claimed)
 * or has not ended `withinMs` after the first read: a sender that trickles bytes holds a slot of
 * its own and no more.
 */
export async function readBodyWithin(body: ReadableStream<Uint8Array> | null, limits: BodyLimits = INTAKE_BODY_LIMITS): Promise<BodyRead> {
  if (!body) return { text: "" };
  const reader = body.getReader();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), limits.withinMs)));
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const read = await Promise.race([reader.read(), late]);
      if (read === "late") return { refused: "too-slow" };
      if (read.done) return { text: Buffer.concat(chunks).toString("utf8") };
      size += read.value.byteLength;
      if (size > limits.maxBytes) return { refused: "too-large" };
      chunks.push(read.value);
    }
  } finally {
    clearTimeout(timer);
    // Whatever is left is not wanted: stop the transfer instead of draining it.
    await reader.cancel().catch(() => undefined);
  }
}
