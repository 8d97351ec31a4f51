// The web app in production (the image's command): `node scripts/serve.mjs`, on HOST:PORT
// (0.0.0.0:3000 by default), with the request limits of scripts/webServer.mjs. Never persona sign-in.
import path from "node:path";
import { serveWeb } from "./webServer.mjs";

const root = path.resolve(import.meta.dirname, "..");
const host = process.env.HOST || "0.0.0.0";
const port = process.env.PORT || "3000";
await serveWeb({ root, host, port });
console.log(`chargeback web: listening on ${host}:${port}`);
