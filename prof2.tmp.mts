import { importInvoiceFile } from "./lib/invoice/importInvoiceFile";
const t0 = Date.now();
const store = { saveInvoiceImport: async (_r: unknown, l: unknown[]) => { console.log("lines", l.length); return { alreadyImported: false }; } } as never;
importInvoiceFile(store, "bench/out/focus-export.csv").then((s) => console.log("import", s.rows, Date.now() - t0, "ms", process.memoryUsage().rss / 1e6));
