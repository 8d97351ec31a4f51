"use server";

import { redirect } from "next/navigation";
import { UserError } from "../../lib/core/errors";
import { Month } from "../../lib/core/months";
import { importUploadedInvoice } from "../../lib/invoice/importUploadedInvoice";
import { getSharedStore } from "../../lib/store";
import { requireAllowed } from "../_actions/requireRole";

export type UploadState = { error?: string };

/** Finance uploads a Cost Management export: imported whole, as the CLI imports it, or not at all with the reason. */
export async function uploadInvoiceAction(_state: UploadState, form: FormData): Promise<UploadState> {
  await requireAllowed("invoices:write", "/reconciliation");
  const month = Month.safeParse(form.get("month"));
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return { error: "choose a cost export file (CSV or gzip'd CSV)" };
  let done: string;
  try {
    const summary = await importUploadedInvoice(
      getSharedStore(),
      { name: file.name.slice(0, 200), bytes: new Uint8Array(await file.arrayBuffer()) },
      { supersede: form.get("supersede") === "yes" },
    );
    done = summary.alreadyImported
      ? `${summary.file} was already imported: nothing changed`
      : `Imported ${summary.file}: ${summary.counted} of ${summary.rows} rows counted (token meters), ${summary.lines} daily lines${summary.superseded.length > 0 ? `, replacing ${summary.superseded.length} earlier import(s)` : ""}`;
  } catch (error) {
    if (error instanceof UserError) return { error: error.message };
    throw error;
  }
  redirect(`/reconciliation?${month.success ? `month=${month.data}&` : ""}imported=${encodeURIComponent(done)}`);
}
