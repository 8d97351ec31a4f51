import { createHash } from "node:crypto";
import { CUSTOM_PREFIX, FOCUS_COLUMN_TYPES } from "./focusColumns";

/** When the current column list was defined: a change of columns is a new schema, with a new date here. */
const SCHEMA_CREATED = "2026-12-06T00:00:00Z";

type ColumnDefinition = { ColumnName: string; DataType: string; StringEncoding?: "UTF-8"; ProviderTagPrefixes?: string[] };
export type FocusMetadata = { DataGenerator: string; SchemaId: string; FocusVersion: "1.2"; CreationDate: string; ColumnDefinition: ColumnDefinition[] };

/**
 * The FOCUS metadata of the export (FOCUS 1.2 Metadata: Data Generator and Schema with its column
 * definitions), served beside it. The schema id is a digest of the column definitions, so any
 * change to the columns is a new schema, as FOCUS requires, without anyone remembering to bump it.
 */
export function focusMetadata(): FocusMetadata {
  const columns: ColumnDefinition[] = Object.entries(FOCUS_COLUMN_TYPES).map(([ColumnName, DataType]) => ({
    ColumnName,
    DataType,
    ...(DataType === "STRING" || DataType === "JSON" ? { StringEncoding: "UTF-8" as const } : {}),
    // Our tag keys are the only provider-defined ones: they all carry the custom prefix.
    ...(ColumnName === "Tags" ? { ProviderTagPrefixes: [CUSTOM_PREFIX] } : {}),
  }));
  return {
    DataGenerator: "Chargeback",
    SchemaId: createHash("sha256").update(JSON.stringify(columns)).digest("hex").slice(0, 16),
    FocusVersion: "1.2",
    CreationDate: SCHEMA_CREATED,
    ColumnDefinition: columns,
  };
}

/** Where the metadata is served, for the export's Link header (FOCUS: data refers to its schema without being read). */
export const FOCUS_METADATA_PATH = "/api/v1/exports/focus/metadata";
