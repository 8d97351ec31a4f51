"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/app/_components/SubmitButton";
import { type UploadState, uploadInvoiceAction } from "./actions";

/** Finance's upload of the month's Cost Management export, beside `chargeback invoice import` for larger files. */
export function InvoiceUpload({ month }: { month: string }) {
  const [state, action] = useActionState<UploadState, FormData>(uploadInvoiceAction, {});
  return (
    <form action={action} className="fields" aria-label="Import an Azure cost export">
      <input type="hidden" name="month" value={month} />
      <label>
        Cost export (FOCUS or actual/amortized cost details, CSV or .csv.gz, up to 5 MB)
        <input type="file" name="file" accept=".csv,.gz,text/csv,application/gzip" required />
      </label>
      <label className="accept">
        <input type="checkbox" name="supersede" value="yes" />
        replaces earlier imports of the same resources and months (a fuller month-to-date export)
      </label>
      <SubmitButton label="Import" pendingLabel="Importing…" primary />
      {state.error && (
        <p className="error" role="alert" data-testid="upload-error">
          Nothing was imported: {state.error}
        </p>
      )}
    </form>
  );
}
