import path from "node:path";
import { UserError } from "../core/errors";

export const DEFAULT_DATABASE_URL = "file:./data/chargeback.db";

/** Resolves a `file:` database URL (or a bare path) to an absolute file path. */
export function databaseFile(url: string | undefined): string {
  const value = url && url.trim() !== "" ? url.trim() : DEFAULT_DATABASE_URL;
  const file = value.startsWith("file:") ? value.slice("file:".length) : value;
  if (file === "") throw new UserError(`database URL "${value}" names no file`);
  return path.resolve(file);
}
