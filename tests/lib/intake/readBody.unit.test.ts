import { describe, expect, it } from "vitest";
import { readBodyWithin } from "../../../lib/intake/readBody";
import { senderSlots } from "../../../lib/intake/senderSlots";

const stream = (chunks: string[], thenHang = false) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
      if (!thenHang) controller.close();
    },
  });

describe("reading an intake body", () => {
  it("reads a body within its limits, stops at the first byte past the size, and gives up on one that trickles", async () => {
    expect(await readBodyWithin(stream(["[", "]"]), { maxBytes: 10, withinMs: 1_000 })).toEqual({ text: "[]" });
    expect(await readBodyWithin(stream(["12345", "67890", "x"], true), { maxBytes: 10, withinMs: 1_000 })).toEqual({ refused: "too-large" });
    expect(await readBodyWithin(stream(["{"], true), { maxBytes: 10, withinMs: 50 })).toEqual({ refused: "too-slow" });
  });
});

describe("intake slots", () => {
  it("give one sender at most its share, free a slot once however often it is freed, and keep senders apart", () => {
    const slots = senderSlots(2);
    const a1 = slots.take("a");
    const a2 = slots.take("a");
    expect(slots.take("a")).toBeNull();
    expect(slots.take("b")).not.toBeNull();
    a1!();
    a1!();
    expect(slots.take("a")).not.toBeNull();
    expect(slots.take("a")).toBeNull();
    a2!();
  });
});
