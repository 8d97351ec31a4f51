import { readCsv } from "../csv/readCsv";
import { validateRows } from "../csv/validateRows";
import type { AuditContext, UpsertSummary, CatalogStore } from "../store/port";
import { Deployment } from "./deployment";

/** Imports `deployment,model,region,sku`; all rows or none. */
export async function importDeployments(store: CatalogStore, csv: string, file: string, audit?: AuditContext): Promise<UpsertSummary> {
  const rows = readCsv(csv, file, ["deployment", "region", "sku"], ["model"]).map((r) => ({
    ...r,
    // Required columns, so there on every row (readCsv checked); the schema checks their values.
    values: { name: r.values.deployment ?? "", model: r.values.model ?? "", region: r.values.region ?? "", sku: r.values.sku ?? "" },
  }));
  return store.saveDeployments(validateRows(rows, Deployment, file, { name: "deployment" }), audit);
}
