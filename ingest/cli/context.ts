import os from "node:os";
import fs from "node:fs";
import type { Command } from "commander";
import { UserError } from "@/lib/core/errors";
import { openStore } from "@/lib/store";
import type { UsageStore } from "@/lib/store/port";

/** Opens the store named by --db (or CHARGEBACK_DATABASE_URL), runs `work`, and closes it. */
export async function withStore<T>(command: Command, work: (store: UsageStore) => Promise<T>, options: { mustExist?: boolean } = {}): Promise<T> {
  const { db } = command.optsWithGlobals<{ db?: string }>();
  const store = openStore(db, options);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

export function readText(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new UserError(`cannot read ${file}: ${describeFsError(error)}`);
  }
}

export function assertReadable(file: string): void {
  if (file === "-") return;
  try {
    fs.accessSync(file, fs.constants.R_OK);
    if (fs.statSync(file).isDirectory()) throw new UserError(`cannot read ${file}: it is a directory`);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`cannot read ${file}: ${describeFsError(error)}`);
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOENT"
    ? "no such file"
    : code === "EACCES"
      ? "permission denied"
      : code === "EISDIR"
        ? "it is a directory"
        : String((error as Error).message);
}

export const printJson = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

/** Changes made from the CLI are audited as the operating-system user who ran it. */
export const cliAudit = (action: string, reason: string) => ({ actor: `${os.userInfo().username} (cli)`, action, reason });
