import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ndjsonBatches } from "../../ingest/worker/sources/ndjsonLines";
import type { SourceLine } from "../../lib/events/processUsageBatch";

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

  it("reads lines split across chunks, blank lines, non-ASCII and non-UTF-8 lines as they are", async () => {
    const lines = ['{"a":"é"}', "", '{"b":1}', "\uFEFF{}", '{"c":"日本"}', '{"d":2}\r', '{"e":3}'];
    const bytes = Buffer.concat([
      Buffer.from(`${lines.slice(0, 4).join("\n")}\n`),
      Buffer.from([0x7b, 0xc1, 0x7d, 0x0a]),
      Buffer.from(`${lines.slice(4).join("\n")}\n`),
    ]);
    // Every way of cutting the bytes in three: lines begin and end in any chunk, or span them.
    for (let i = 0; i <= bytes.length; i += 3)
      for (let j = i; j <= bytes.length; j += 5) {
        const chunks = [bytes.subarray(0, i), bytes.subarray(i, j), bytes.subarray(j)];
        const read = [];
        for await (const batch of ndjsonBatches(Readable.from(chunks), "t", 3)) read.push(...batch);
        expect(read).toEqual([
          { text: '{"a":"é"}', source: "t:1" },
          { text: '{"b":1}', source: "t:3" },
          { text: "\uFEFF{}", source: "t:4" },
          { undecodable: { base64: Buffer.from([0x7b, 0xc1, 0x7d]).toString("base64") }, source: "t:5" },
          { text: '{"c":"日本"}', source: "t:6" },
          { text: '{"d":2}', source: "t:7" },
          { text: '{"e":3}', source: "t:8" },
        ]);
      }
  });

  it("reads runs of many pieces as line by line: lines across pieces, longer than one, not UTF-8 in any", async () => {
    // Chunks are decoded 64 KB at a time, cut at newlines: lines of every length up to 150 KB.
    const lines: Buffer[] = [];
    for (let i = 0; lines.length < 400; i++) {
      const size = [10, 500, 5_000, 65_535, 65_536, 150_000][i % 6] as number;
      lines.push(Buffer.from(i % 7 === 3 ? "" : `{"p":"${"x".repeat(size)}","i":${i}}${i % 5 === 0 ? "\r" : ""}`));
      if (i % 50 === 49) lines.push(Buffer.from([0x7b, 0xc1, 0x7d]));
    }
    const bytes = Buffer.concat(lines.flatMap((line) => [line, Buffer.from("\n")]));
    const expected = lines.flatMap((line, i): SourceLine[] => {
      const source = `t:${i + 1}`;
      if (line[1] === 0xc1) return [{ undecodable: { base64: line.toString("base64") }, source }];
      const text = line.toString("utf8").replace(/\r$/, "");
      return text === "" ? [] : [{ text, source }];
    });
    for (const cut of [0, 70_000, bytes.length >> 1]) {
      const read = [];
      for await (const batch of ndjsonBatches(Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]), "t", 1000)) read.push(...batch);
      expect(read).toEqual(expected);
    }
  });
});
