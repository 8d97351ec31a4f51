import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/** A PDF read back as a reader sees it: per page, its rows (text at one height), each row's cells from left to right. */
export async function pdfRows(pdf: Uint8Array): Promise<string[][][]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  const pages: string[][][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    const rows = new Map<number, { x: number; text: string }[]>();
    for (const item of content.items) {
      if (!("str" in item) || item.str.trim() === "") continue;
      const y = Math.round(item.transform[5]);
      rows.set(y, [...(rows.get(y) ?? []), { x: item.transform[4], text: item.str }]);
    }
    pages.push([...rows].sort(([a], [b]) => b - a).map(([, cells]) => cells.sort((a, b) => a.x - b.x).map((c) => c.text)));
  }
  await doc.destroy();
  return pages;
}

/** "1,234.56" → 123456n cents. */
export const cents = (amount: string) => BigInt(amount.replace(/,/g, "").replace(".", ""));
