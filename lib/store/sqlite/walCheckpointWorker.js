// Thread entry of walCheckpointer.ts: a connection of its own that copies the write-ahead log into
// the database file when asked. Plain JavaScript: it needs no TypeScript, so not tsx's loader.
const { parentPort, workerData } = require("node:worker_threads");
const Database = require("better-sqlite3");

const db = new Database(workerData.file, { timeout: workerData.timeoutMs });
db.pragma("synchronous = NORMAL"); // as the writing connection: the log is synced before it is copied, the file after
parentPort.on("message", () => {
  try {
    // PASSIVE: only frames already committed, without waiting for the writer, which goes on writing.
    db.pragma("wal_checkpoint(PASSIVE)");
    parentPort.postMessage({ done: true });
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
