import fs from "node:fs";
import { parse } from "csv-parse";
import { pipeline } from "node:stream/promises";
const t0 = Date.now();
let n = 0;
const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true });
parser.on("readable", () => { let r; while ((r = parser.read()) !== null) n++; });
pipeline(fs.createReadStream("bench/out/focus-export.csv", { highWaterMark: 1 << 20 }), parser).then(() => console.log("readable loop", n, Date.now() - t0, "ms", process.memoryUsage().rss / 1e6));
