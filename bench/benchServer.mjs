// The production build serving a web bench's store (argv: port, database file: bench:scale's pages,
// bench:intake's POSTs), on loopback with persona sign-in, as `npm start` serves a workstation; its
// own process, so its RSS is its own. SIGTERM exits cleanly, so a --cpu-prof run is written.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { serveWeb } from "../scripts/webServer.mjs";

const [port, file] = process.argv.slice(2);
Object.assign(process.env, {
  NEXT_TELEMETRY_DISABLED: "1",
  CHARGEBACK_DATABASE_URL: `file:${file}`,
  CHARGEBACK_LOCAL_SIGNIN: "1",
  CHARGEBACK_SESSION_SECRET: randomBytes(32).toString("base64url"),
  NODE_ENV: "production",
});
process.on("SIGTERM", () => process.exit(0));
await serveWeb({ root: path.resolve(import.meta.dirname, ".."), host: "127.0.0.1", port, personas: true });
