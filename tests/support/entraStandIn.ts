// A local stand-in for the Entra ID v2.0 endpoints of one tenant: discovery, an account picker
// for /authorize, a token endpoint that checks the client secret, redirect URI and PKCE, and the
// signing keys. ID tokens carry the claims Entra ID sends: oid, tid, name, roles and groups.
// Usage: tsx tests/support/entraStandIn.ts <port> <config.json>
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { itemAt } from "../../lib/core/arrays";
import { leading } from "./arrays";

export type StandInUser = { oid: string; name: string; roles: string[]; groups: string[] };
/** Apps that get tokens for themselves (client credentials), as APIM's managed identity does. */
export type StandInClient = { clientId: string; clientSecret: string; roles: string[] };
export type StandInConfig = { tenantId: string; clientId: string; clientSecret: string; users: StandInUser[]; clients?: StandInClient[] };

type Grant = { user: StandInUser; clientId: string; redirectUri: string; nonce: string; challenge: string };

export async function startEntraStandIn(port: number, config: StandInConfig): Promise<http.Server> {
  const base = `http://127.0.0.1:${port}/${config.tenantId}`;
  const issuer = `${base}/v2.0`;
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "stand-in", use: "sig", alg: "RS256" };
  const grants = new Map<string, Grant>();
  let signedOut = 0;

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
    const send = (status: number, body: unknown, type = "application/json") => {
      res.writeHead(status, { "content-type": type });
      res.end(type === "application/json" ? JSON.stringify(body) : String(body));
    };
    if (url.pathname === `/${config.tenantId}/v2.0/.well-known/openid-configuration`) {
      return send(200, {
        issuer,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        token_endpoint: `${base}/oauth2/v2.0/token`,
        jwks_uri: `${base}/discovery/v2.0/keys`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        response_types_supported: ["code"],
        subject_types_supported: ["pairwise"],
        id_token_signing_alg_values_supported: ["RS256"],
        code_challenge_methods_supported: ["S256"],
        token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
      });
    }
    if (url.pathname === `/${config.tenantId}/discovery/v2.0/keys`) return send(200, { keys: [jwk] });
    if (url.pathname === `/${config.tenantId}/oauth2/v2.0/logout`) {
      signedOut++;
      res.writeHead(302, { location: url.searchParams.get("post_logout_redirect_uri") ?? "/" });
      return res.end();
    }
    if (url.pathname === "/stand-in/sign-outs") return send(200, { signedOut });
    if (url.pathname === `/${config.tenantId}/oauth2/v2.0/authorize`) {
      const p = url.searchParams;
      if (p.get("client_id") !== config.clientId || p.get("code_challenge_method") !== "S256" || !p.get("code_challenge")) {
        return send(400, "unknown client or no PKCE", "text/plain");
      }
      const pick = p.get("pick");
      const user = config.users.find((u) => u.oid === pick);
      if (!user) {
        // The account picker: one link per account, each coming back here with `pick`.
        const links = config.users.map((u) => {
          const next = new URL(url);
          next.searchParams.set("pick", u.oid);
          return `<li><a href="${next.pathname}${next.search}">${u.name}</a></li>`;
        });
        return send(200, `<!doctype html><title>Pick an account</title><h1>Pick an account</h1><ul>${links.join("")}</ul>`, "text/html");
      }
      const code = randomBytes(16).toString("hex");
      grants.set(code, {
        user,
        clientId: config.clientId,
        redirectUri: p.get("redirect_uri") ?? "",
        nonce: p.get("nonce") ?? "",
        challenge: p.get("code_challenge") ?? "",
      });
      const back = new URL(p.get("redirect_uri") ?? "");
      back.searchParams.set("code", code);
      back.searchParams.set("state", p.get("state") ?? "");
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === `/${config.tenantId}/oauth2/v2.0/token` && req.method === "POST") {
      let body = "";
      for await (const chunk of req) body += chunk;
      const form = new URLSearchParams(body);
      if (form.get("grant_type") === "client_credentials") {
        const client = config.clients?.find((c) => c.clientId === form.get("client_id") && c.clientSecret === form.get("client_secret"));
        if (!client) return send(401, { error: "invalid_client" });
        const audience = (form.get("scope") ?? "").replace(/\/\.default$/, "");
        const accessToken = await new SignJWT({ azp: client.clientId, tid: config.tenantId, roles: client.roles, ver: "2.0" })
          .setProtectedHeader({ alg: "RS256", kid: "stand-in" })
          .setIssuer(issuer)
          .setAudience(audience)
          .setSubject(client.clientId)
          .setIssuedAt()
          .setExpirationTime("1h")
          .sign(privateKey);
        return send(200, { token_type: "Bearer", access_token: accessToken, expires_in: 3600 });
      }
      const grant = grants.get(form.get("code") ?? "");
      grants.delete(form.get("code") ?? "");
      const verifier = form.get("code_verifier") ?? "";
      const challenge = createHash("sha256").update(verifier).digest("base64url");
      if (!grant || form.get("client_secret") !== config.clientSecret || form.get("client_id") !== grant.clientId)
        return send(401, { error: "invalid_client" });
      if (form.get("redirect_uri") !== grant.redirectUri || challenge !== grant.challenge) return send(400, { error: "invalid_grant" });
      const idToken = await new SignJWT({
        oid: grant.user.oid,
        tid: config.tenantId,
        name: grant.user.name,
        preferred_username: `${itemAt(grant.user.name.split(" "), 0).toLowerCase()}@contoso.example`,
        roles: grant.user.roles,
        groups: grant.user.groups,
        nonce: grant.nonce,
      })
        .setProtectedHeader({ alg: "RS256", kid: "stand-in" })
        .setIssuer(issuer)
        .setAudience(config.clientId)
        .setSubject(`pairwise-${grant.user.oid}`)
        .setIssuedAt()
        .setExpirationTime("1h")
        .sign(privateKey);
      return send(200, { token_type: "Bearer", access_token: randomBytes(16).toString("hex"), expires_in: 3600, id_token: idToken, scope: "openid profile" });
    }
    send(404, { error: "not_found" });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return server;
}

if (process.argv[1]?.endsWith("entraStandIn.ts")) {
  const [port, file] = leading(process.argv.slice(2), 2);
  startEntraStandIn(Number(port), JSON.parse(fs.readFileSync(file, "utf8")) as StandInConfig).then(() =>
    console.log(`entra stand-in on http://127.0.0.1:${port}`),
  );
}
