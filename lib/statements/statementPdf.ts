import { itemAt } from "../core/arrays";
import type PDFDocumentClass from "pdfkit";
import { loadConfig } from "../config/schema";
import { formatCents, parseCents } from "../core/money";
import type { LedgerStore } from "../store/port";
import { type DetailLine, getStatementDocument, type StatementDocument, type SummaryRow } from "./statementDocument";

// A4 in points; the layout keeps to it, so a 25-line unit is a summary page and a detail page.
const PAGE = { width: 595.28, height: 841.89, margin: 42 };
const WIDTH = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.height - PAGE.margin - 24; // the footer sits below
const ROW = 13;
const FONT = "Helvetica";
const BOLD = "Helvetica-Bold";

type Column = { title: string; width: number; align?: "right" };
const DETAIL: Column[] = [
  { title: "Cost center", width: 88 },
  { title: "App", width: 140 },
  { title: "Model", width: 122 },
  { title: "Requests", width: 50, align: "right" },
  { title: "Tokens", width: 56, align: "right" },
  { title: "Cost", width: 55.28, align: "right" },
];

/** "1234567.80" → "1,234,567.80": the currency is said once, in the header. */
export const amount = (a: string) => {
  const negative = a.startsWith("-");
  const [whole = "0", fraction = "00"] = (negative ? a.slice(1) : a).split(".");
  return `${negative ? "-" : ""}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fraction}`;
};
const count = (n: number) => n.toLocaleString("en-US");
// The PDF's standard fonts cover Windows-1252 only: other characters print as "?" rather than garbage.
const printable = (text: string) => text.normalize("NFC").replace(/[^\x20-\x7E\u00A0-\u00FF\u2026\u2013\u2014\u2018\u2019\u201C\u201D\u20AC]/g, "?");

/**
 * Renders a statement as a PDF to send: a summary page (total, by cost center and by app beside
 * the previous month), then one compact row per line with each page's subtotal and the running
 * total carried to the next, the rates used as one table at the end, and "Page n of N" on every page.
 */
export async function renderStatementPdf(s: StatementDocument): Promise<Buffer> {
  // Loaded when a PDF is made: pdfkit and its fonts took a fifth of every CLI command's start-up,
  // and their sources stayed in the heap that a long ingest collects again and again.
  const PDFDocument: typeof PDFDocumentClass = (await import("pdfkit")).default;
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
    bufferPages: true,
    info: { Title: `Chargeback statement ${s.number}`, Author: s.issuer, Subject: `${s.businessUnit}, ${s.month}` },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const pen = new Pen(doc, s);
  summaryPage(pen, s);
  detailPages(pen, s);
  ratesTable(pen, s);
  pen.footers();
  doc.end();
  return done;
}

/** A unit's statement PDF for a closed month, or null while the month is open or the unit has no statement in it. */
export async function getStatementPdf(
  store: LedgerStore,
  month: string,
  businessUnit: string,
  issuer = loadConfig().CHARGEBACK_STATEMENT_ISSUER,
): Promise<Buffer | null> {
  const document = await getStatementDocument(store, month, businessUnit, issuer);
  return document ? renderStatementPdf(document) : null;
}

/** Writes at absolute positions, one row at a time, and starts a new page (with its running header) when one is full. */
class Pen {
  y = PAGE.margin;
  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly s: StatementDocument,
  ) {}

  text(text: string, x: number, width: number, { bold = false, size = 8, align = "left" as "left" | "right" } = {}) {
    this.doc.font(bold ? BOLD : FONT).fontSize(size);
    this.doc.text(this.fit(printable(text), width - 4), x, this.y, { width: width - 4, align, lineBreak: false });
  }

  /** Cuts text to its column with an ellipsis: a row is one line, whatever a name's length. */
  fit(text: string, width: number): string {
    if (this.doc.widthOfString(text) <= width) return text;
    let cut = text;
    while (cut.length > 1 && this.doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
    return `${cut}…`;
  }

  row(cells: string[], columns: Column[], opts: { bold?: boolean; size?: number } = {}) {
    let x = PAGE.margin;
    cells.forEach((cell, i) => {
      const column = itemAt(columns, i);
      this.text(cell, x, column.width, { ...opts, align: column.align ?? "left" });
      x += column.width;
    });
    this.y += ROW;
  }

  rule() {
    this.doc
      .moveTo(PAGE.margin, this.y - 3)
      .lineTo(PAGE.margin + WIDTH, this.y - 3)
      .lineWidth(0.5)
      .strokeColor("#888888")
      .stroke();
  }

  fits(rows: number, height = ROW): boolean {
    return this.y + rows * height <= BOTTOM;
  }

  newPage() {
    this.doc.addPage();
    this.y = PAGE.margin;
    this.text(`${this.s.issuer} · Statement ${this.s.number} · ${this.s.businessUnit} · ${this.s.period.from} to ${this.s.period.to}`, PAGE.margin, WIDTH, {
      size: 7.5,
    });
    this.y += ROW + 6;
  }

  footers() {
    const { start, count: pages } = this.doc.bufferedPageRange();
    for (let i = start; i < start + pages; i++) {
      this.doc.switchToPage(i);
      this.y = PAGE.height - PAGE.margin - 10;
      // Below the bottom margin: without it pdfkit would start another page for the footer.
      this.doc.page.margins.bottom = 0;
      this.text(`Statement ${this.s.number}`, PAGE.margin, WIDTH / 2, { size: 7.5 });
      this.text(`Page ${i + 1} of ${pages}`, PAGE.margin + WIDTH / 2, WIDTH / 2, { size: 7.5, align: "right" });
    }
  }
}

function summaryPage(pen: Pen, s: StatementDocument) {
  pen.text(s.issuer, PAGE.margin, WIDTH, { bold: true, size: 11 });
  pen.y += 18;
  pen.text("Chargeback statement", PAGE.margin, WIDTH, { bold: true, size: 18 });
  pen.y += 30;
  const facts: [string, string][] = [
    ["Statement number", s.number],
    ["Business unit", s.businessUnit],
    ["Period", `${s.period.from} to ${s.period.to} (UTC)`],
    ["Currency", s.currency],
    ["Issued", `${s.issuedAt}, when ${s.issuedBy} closed ${s.month}`],
  ];
  for (const [k, v] of facts) {
    pen.text(k, PAGE.margin, 110, { size: 9 });
    pen.text(v, PAGE.margin + 110, WIDTH - 110, { size: 9, bold: k === "Statement number" });
    pen.y += ROW + 1;
  }
  pen.y += 10;
  pen.text(`Total for ${s.month}`, PAGE.margin, 200, { bold: true, size: 14 });
  pen.text(`${s.currency} ${amount(s.total)}`, PAGE.margin + 200, WIDTH - 200, { bold: true, size: 14, align: "right" });
  pen.y += 22;
  if (s.listTotal !== s.total) {
    const discount = formatCents(parseCents(s.listTotal) - parseCents(s.total));
    pen.text(`At list prices ${amount(s.listTotal)}, less negotiated discounts of ${amount(discount)}.`, PAGE.margin, WIDTH, { size: 8.5 });
    pen.y += ROW;
  }
  pen.y += 8;
  summaryTable(pen, s, "By cost center", s.byCostCenter);
  summaryTable(pen, s, "By app", s.byApp);
  if (pen.fits(2)) {
    pen.y += 4;
    pen.text(
      `The detail follows: one line per app, model and cost center, with each page's subtotal; the rates used are listed at the end.${s.previousTotal === null ? ` ${s.previousMonth} has no closed statement to compare with.` : ""}`,
      PAGE.margin,
      WIDTH,
      { size: 7.5 },
    );
  }
}

function summaryTable(pen: Pen, s: StatementDocument, title: string, rows: SummaryRow[]) {
  const columns: Column[] = [
    { title, width: WIDTH - 3 * 90 },
    { title: s.previousMonth, width: 90, align: "right" },
    { title: s.month, width: 90, align: "right" },
    { title: "Change", width: 90, align: "right" },
  ];
  const change = (r: { cost: string; previous: string | null }) =>
    r.previous === null ? "—" : amount(formatCents(parseCents(r.cost) - parseCents(r.previous)));
  const header = () => {
    pen.row(
      columns.map((c) => c.title),
      columns,
      { bold: true, size: 8.5 },
    );
    pen.rule();
  };
  if (!pen.fits(3)) pen.newPage();
  header();
  for (const r of rows) {
    if (!pen.fits(2)) {
      pen.newPage();
      header();
    }
    pen.row([r.name, r.previous === null ? "—" : amount(r.previous), amount(r.cost), change(r)], columns);
  }
  pen.y += 2;
  pen.rule();
  const total = { cost: s.total, previous: s.previousTotal };
  pen.row(["Total", total.previous === null ? "—" : amount(total.previous), amount(total.cost), change(total)], columns, { bold: true });
  pen.y += 12;
}

/** The lines, as many to a page as fit: each page closes with its subtotal and the total carried forward, the last with the total. */
function detailPages(pen: Pen, s: StatementDocument) {
  pen.newPage();
  pen.text("Detail", PAGE.margin, WIDTH, { bold: true, size: 12 });
  pen.y += 20;
  const header = () => {
    pen.row(
      DETAIL.map((c) => c.title),
      DETAIL,
      { bold: true },
    );
    pen.rule();
  };
  const label = (text: string, cents: bigint) => pen.row([text, "", "", "", "", amount(formatCents(cents))], DETAIL, { bold: true });
  header();
  let carried = 0n;
  let page = 0n;
  s.lines.forEach((line: DetailLine, i) => {
    const last = i === s.lines.length - 1;
    // Room for this line and the two closing rows (subtotal, carried forward or total).
    if (!pen.fits(last ? 3 : 4)) {
      pen.y += 2;
      pen.rule();
      label("Page subtotal", page);
      label("Carried forward", carried);
      pen.newPage();
      header();
      label("Brought forward", carried);
      page = 0n;
    }
    pen.row([line.costCenter, line.app, line.model, count(line.requests), count(line.tokens), amount(line.cost)], DETAIL);
    page += parseCents(line.cost);
    carried += parseCents(line.cost);
  });
  pen.y += 2;
  pen.rule();
  label("Page subtotal", page);
  label(`Total ${s.currency}`, carried);
  pen.y += 12;
}

function ratesTable(pen: Pen, s: StatementDocument) {
  if (s.rates.length === 0) return;
  const RATE = 10;
  if (!pen.fits(3, RATE)) pen.newPage();
  pen.text("Rates used (per token, from the day shown)", PAGE.margin, WIDTH, { bold: true, size: 9 });
  pen.y += ROW + 2;
  for (const rate of s.rates) {
    if (!pen.fits(1, RATE)) pen.newPage();
    pen.text(rate, PAGE.margin, WIDTH, { size: 7 });
    pen.y += RATE;
  }
}
