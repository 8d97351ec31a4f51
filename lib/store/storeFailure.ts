import { Unavailable } from "../core/errors";

/**
 * A store that failed for a reason outside the program (a full disk, a lock held too long, a
 * broken disk or network): said in one line with what to do, never as an internal error.
 * `exitCode` follows sysexits: 74 (I/O error), 75 (temporary failure, try again).
 */
export class StoreFailure extends Unavailable {
  constructor(
    message: string,
    readonly exitCode: 74 | 75,
  ) {
    super(message);
    this.name = "StoreFailure";
  }
}

const AGAIN = "run the command again (ingest adds only what is missing)";

/** The failure an error from SQLite, the file system or Cosmos DB stands for, or null when it is a bug. */
export function storeFailure(error: unknown): StoreFailure | null {
  if (error instanceof StoreFailure) return error; // already said in full where it was raised
  const code = String((error as { code?: unknown })?.code ?? "");
  const detail = (error as Error)?.message ?? String(error);
  if (code === "SQLITE_FULL" || code === "ENOSPC") {
    return new StoreFailure(`the disk holding the store is full: what was being written was rolled back; free some space and ${AGAIN}`, 74);
  }
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
    // SQLite says "database is locked" for every kind; the extended code tells a lock held past the
    // timeout (SQLITE_BUSY) from one it refused at once (a snapshot another process overtook, a recovery).
    return new StoreFailure(
      `another process kept the store locked too long: what was being written was rolled back; run the command again when it has finished (${detail}, ${code})`,
      75,
    );
  }
  if (code.startsWith("SQLITE_IOERR") || code === "EIO") {
    return new StoreFailure(`the disk holding the store failed (${detail}): what was being written was rolled back; check the disk, then ${AGAIN}`, 74);
  }
  if (code.startsWith("SQLITE_READONLY") || code === "EROFS") {
    return new StoreFailure(`the store is read-only (${detail}): let this user write the file and its folder, then ${AGAIN}`, 74);
  }
  if (/^(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EAI_AGAIN)$/.test(code)) {
    return new StoreFailure(`the store could not be reached (${code}): nothing of the failed step was written; check the network and ${AGAIN}`, 75);
  }
  return null;
}
