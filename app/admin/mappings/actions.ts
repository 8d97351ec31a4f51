"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { UserError } from "@/lib/core/errors";
import { changeMappings, moveApp, planMappings, type MappingChange } from "@/lib/org/changeMappings";
import { readOrgMappings } from "@/lib/org/importOrgMappings";
import { CalendarDay } from "@/lib/core/days";
import { getSharedStore } from "@/lib/store";
import { actorOf, requireAllowed } from "@/app/_actions/requireRole";

const PAGE = "/admin/mappings";
const requireAdmin = () => requireAllowed("mappings:write", PAGE);
const back = (kind: "done" | "error", message: string): never => redirect(`${PAGE}?${kind}=${encodeURIComponent(message.slice(0, 1500))}`);

const Day = CalendarDay;
// "costCenter|businessUnit", as the target lists offer them.
const Target = z.string().transform((t, ctx) => {
  const [costCenter, businessUnit] = t.split("|");
  if (!costCenter || !businessUnit) {
    ctx.addIssue({ code: "custom", message: "pick a cost center" });
    return z.NEVER;
  }
  return { costCenter, businessUnit };
});

async function attempt(work: () => Promise<unknown>, done: string): Promise<never> {
  try {
    await work();
  } catch (error) {
    if (error instanceof UserError) back("error", error.message);
    throw error;
  }
  return back("done", done);
}

/** One click from the unmapped queue: the app belongs to a cost center from a day on. */
export async function assignApp(form: FormData): Promise<void> {
  const caller = await requireAdmin();
  const parsed = z.object({ appId: z.string().min(1), target: Target, validFrom: Day, reason: z.string().max(500) }).safeParse(Object.fromEntries(form));
  if (!parsed.success) back("error", parsed.error.issues.map((i) => i.message).join("; "));
  const { appId, target, validFrom, reason } = parsed.data!;
  await attempt(
    () => changeMappings(getSharedStore(), [{ appId, ...target, validFrom, validTo: null }], { actor: actorOf(caller), action: "mappings.assign", reason }),
    `Assigned ${appId} to ${target.costCenter} (${target.businessUnit}) from ${validFrom}.`,
  );
}

export async function moveAppAction(form: FormData): Promise<void> {
  const caller = await requireAdmin();
  const parsed = z.object({ appId: z.string().min(1), target: Target, from: Day, reason: z.string().max(500) }).safeParse(Object.fromEntries(form));
  if (!parsed.success) back("error", parsed.error.issues.map((i) => i.message).join("; "));
  const { appId, target, from, reason } = parsed.data!;
  await attempt(
    () => moveApp(getSharedStore(), { appId, ...target, from }, { actor: actorOf(caller), action: "mappings.move", reason }),
    `Moved ${appId} to ${target.costCenter} (${target.businessUnit}) from ${from}.`,
  );
}

/** `csv` keeps the previewed file's text, so "apply" saves exactly what was previewed. */
export type ImportState = { changes?: MappingChange[]; problems?: string[]; applied?: string; file?: string; csv?: string };

/** CSV import: "preview" shows what would change and what is wrong; "apply" saves all of it or nothing. */
export async function importMappings(_previous: ImportState, form: FormData): Promise<ImportState> {
  const caller = await requireAdmin();
  const upload = form.get("file");
  const kept = form.get("csv");
  const fromUpload = upload instanceof File && upload.size > 0;
  const name = fromUpload ? upload.name : String(form.get("name") ?? "");
  const text = fromUpload ? await upload.text() : typeof kept === "string" ? kept : "";
  if (text === "") return { problems: ["choose a CSV file: appId,costCenter,businessUnit,validFrom[,validTo]"] };
  if (text.length > 5_000_000) return { problems: ["that file is over 5 MB; split it"] };
  try {
    const rows = readOrgMappings(text, name);
    const { changes, problems } = await planMappings(getSharedStore(), rows);
    if (form.get("intent") !== "apply" || problems.length > 0) return { changes, problems, file: name, csv: text };
    const summary = await changeMappings(getSharedStore(), rows, { actor: actorOf(caller), action: "mappings.import", reason: `import of ${name}` });
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
