import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { UserError } from "../core/errors";
import type { InvoiceStore } from "../store/port";
import { type ImportSummary, importInvoiceFile } from "./importInvoiceFile";

/** The largest export the web takes (the request's own cap is a little above); larger ones go through `chargeback invoice import`. */
export const UPLOAD_MAX_BYTES = 5 * 1024 * 1024;

/**
 * Imports an export uploaded from the browser exactly as `chargeback invoice import` imports a
 * file: the same reader, all of it or nothing, the same content twice changes nothing. The bytes
 * are streamed from a private temporary file, removed afterwards.
 */
export async function importUploadedInvoice(
  store: InvoiceStore,
  upload: { name: string; bytes: Uint8Array },
  options: { supersede?: boolean } = {},
): Promise<ImportSummary> {
  if (upload.bytes.length === 0) throw new UserError(`${upload.name}: empty file; nothing imported`);
  if (upload.bytes.length > UPLOAD_MAX_BYTES)
    throw new UserError(`${upload.name}: over ${UPLOAD_MAX_BYTES / 1024 / 1024} MB; gzip it, or import it with chargeback invoice import; nothing imported`);
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "chargeback-invoice-"));
  try {
    const file = path.join(dir, "export");
    await fs.promises.writeFile(file, upload.bytes, { mode: 0o600 });
    return await importInvoiceFile(store, file, { name: upload.name, supersede: options.supersede });
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
