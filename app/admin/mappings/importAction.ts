"use server";

import { UserError } from "@/lib/core/errors";
import { changeMappings, mergeMappings, planMappings, type MappingChange } from "@/lib/org/changeMappings";
import { confirmField, flagNewNames, type NewName } from "@/lib/org/flagNewNames";
import { readOrgMappings } from "@/lib/org/importOrgMappings";
import { previewCorrections, type CorrectionImpact } from "@/lib/reports/previewCorrections";
import { getSharedStore } from "@/lib/store";
import { actorOf, requireAllowed } from "@/app/_actions/requireRole";
import { impactKeyOf } from "./changeState";

/** `csv` keeps the previewed file's text, so "apply" saves exactly what was previewed. */
export type ImportState = {
  changes?: MappingChange[];
  problems?: string[];
  newNames?: NewName[];
  impact?: CorrectionImpact[];
  impactKey?: string;
  applied?: string;
  file?: string;
  csv?: string;
};

/**
 * CSV import: "preview" shows what would change, what is wrong, the unit and cost-center names
 * that would be new (each to confirm) and the corrections it would book in closed months; "apply"
 * saves all of it or nothing, once every new name is confirmed and the corrections were shown.
 */
export async function importMappings(_previous: ImportState, form: FormData): Promise<ImportState> {
  const caller = await requireAllowed("mappings:write", "/admin/mappings");
  const upload = form.get("file");
  const kept = form.get("csv");
  const fromUpload = upload instanceof File && upload.size > 0;
  const name = fromUpload ? upload.name : String(form.get("name") ?? "");
  const text = fromUpload ? await upload.text() : typeof kept === "string" ? kept : "";
  if (text === "") return { problems: ["Choose a CSV file with the columns appId,costCenter,businessUnit,validFrom[,validTo]."] };
  if (text.length > 5_000_000) return { problems: ["That file is over 5 MB: split it into smaller files."] };
  try {
    const store = getSharedStore();
    const rows = readOrgMappings(text, name);
    const existing = await store.listOrgMappings();
    const { changes, problems } = await planMappings(store, rows);
    const newNames = flagNewNames(existing, rows);
    const from = rows.map((r) => r.validFrom).sort()[0] ?? "9999-12-31";
    const impact = problems.length > 0 ? [] : await previewCorrections(store, { from, mappings: mergeMappings(existing, rows) });
    const impactKey = impactKeyOf(impact);
    const preview = { changes, problems, newNames, impact, impactKey, file: name, csv: text };
    if (form.get("intent") !== "apply" || problems.length > 0) return preview;
    // A new unit or cost center is created only when the person ticked it (a typo would create one).
    const unconfirmed = newNames.filter((n) => form.get(confirmField(n)) !== "yes");
    if (unconfirmed.length > 0)
      return {
        ...preview,
        problems: unconfirmed.map((n) => `Confirm the new ${n.kind} “${n.name}”${n.didYouMean ? ` (did you mean “${n.didYouMean}”?)` : ""}, or fix the file.`),
      };
    if (impact.length > 0 && form.get("impactKey") !== impactKey)
      return { ...preview, problems: ["Review the corrections this import books in closed months (below), then apply again."] };
    const summary = await changeMappings(store, rows, { actor: actorOf(caller), action: "mappings.import", reason: `import of ${name}` });
    return { applied: `Imported ${name}: ${summary.added} added, ${summary.changed} changed, ${summary.unchanged} unchanged.`, file: name };
  } catch (error) {
    if (error instanceof UserError)
      return {
        problems: error.message
          .split("\n")
          .map((l) => l.trim())
          .filter(Boolean),
        file: name,
      };
    throw error;
  }
}
