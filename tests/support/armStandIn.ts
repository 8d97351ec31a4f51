// A local stand-in for Azure Resource Manager: https on loopback (the SDK sends bearer tokens over
// https only) with a certificate made for the run, serving recorded list and get responses by path.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";

export type ArmStandIn = { url: string; caFile: string; requests: string[]; close: () => Promise<void> };
/** Recorded bodies by request path (no query string), e.g. /subscriptions/…/providers/Microsoft.EventHub/namespaces. */
export type ArmResponses = Record<string, unknown>;
/** Paths answered with an error status instead, and its body. */
export type ArmFailures = Record<string, { status: number; body: unknown }>;

function certificate(dir: string): { key: string; cert: string; caFile: string } {
  const key = path.join(dir, "key.pem");
  const caFile = path.join(dir, "cert.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-keyout",
      key,
      "-out",
      caFile,
    ],
    { stdio: "ignore" },
  );
  return { key: fs.readFileSync(key, "utf8"), cert: fs.readFileSync(caFile, "utf8"), caFile };
}

export async function startArmStandIn(responses: ArmResponses, failures: ArmFailures = {}): Promise<ArmStandIn> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arm-stand-in-"));
  const { key, cert, caFile } = certificate(dir);
  const requests: string[] = [];
  const byPath = new Map([
    ...Object.entries(responses).map(([p, body]) => [p.toLowerCase(), { status: 200, body }] as const),
    ...Object.entries(failures).map(([p, f]) => [p.toLowerCase(), f] as const),
  ]);
  const server = https.createServer({ key, cert }, (req, res) => {
    const url = new URL(req.url ?? "/", "https://127.0.0.1");
    requests.push(`${req.method} ${url.pathname}`);
    const found = req.headers.authorization?.startsWith("Bearer ")
      ? byPath.get(url.pathname.toLowerCase())
      : { status: 401, body: { error: { code: "AuthenticationFailed", message: "no bearer token" } } };
    const { status, body } = found ?? { status: 404, body: { error: { code: "ResourceNotFound", message: `The resource at ${url.pathname} was not found.` } } };
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", "x-ms-request-id": "00000000-0000-0000-0000-000000000000" });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `https://127.0.0.1:${port}`,
    caFile,
    requests,
    close: () => new Promise((resolve) => server.close(() => (fs.rmSync(dir, { recursive: true, force: true }), resolve()))),
  };
}
