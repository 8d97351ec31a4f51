import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ndjsonBatches } from "../../ingest/worker/sources/ndjsonLines";

const batchesOf = async (text: string, lines: number, bytes?: number) => {
  const sizes: number[] = [];
  for await (const batch of ndjsonBatches(Readable.from([Buffer.from(text)]), "t", lines, () => {}, bytes)) sizes.push(batch.length);
  return sizes;
};

describe("ndjsonBatches", () => {
  const small = `${JSON.stringify({ a: 1 })}\n`.repeat(10);
  const big = `${JSON.stringify({ pad: "x".repeat(1000) })}\n`;

  it("ends a batch at the line count when the lines are small", async () => {
    expect(await batchesOf(small, 4, 1_000_000)).toEqual([4, 4, 2]);
  });

  it("ends a batch once its text passes the byte bound, however few lines it has", async () => {
    // Each big line is ~1,012 characters: a 2,500-byte bound closes a batch at the third line.
    expect(await batchesOf(big.repeat(7), 10_000, 2_500)).toEqual([3, 3, 1]);
  });

  it("keeps every line whichever bound ends the batches", async () => {
    const sizes = await batchesOf(small + big.repeat(5) + small, 6, 3_000);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(25);
  });
});
