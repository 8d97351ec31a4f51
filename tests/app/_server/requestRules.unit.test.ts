import { describe, expect, it } from "vitest";
import { bodyCapFor, DEFAULT_BODY_CAP, expectedOrigin, refusalOf, type RequestSettings } from "../../../app/_server/requestRules";

const SITE: RequestSettings = { publicOrigin: "https://chargeback.contoso.example", trustForwarded: false };
const LOCAL: RequestSettings = { publicOrigin: null, trustForwarded: false };
const post = (headers: Record<string, string>, settings = SITE, path = "/admin/owners") =>
  refusalOf("POST", path, new Headers({ "content-length": "10", ...headers }), settings);

// Issue 24 item 6: the Origin check is ours, before Next.js's (which answered 500 and believed X-Forwarded-Host).
describe("cross-site requests", () => {
  it("accept a request from the site's own origin, and any read", () => {
    expect(post({ origin: "https://chargeback.contoso.example" })).toBeNull();
    expect(refusalOf("GET", "/admin/owners", new Headers({ origin: "https://evil.example" }), SITE)).toBeNull();
  });

  it.each([
    ["a foreign Origin", { origin: "https://evil.example" }],
    ["a foreign Origin its X-Forwarded-Host names", { origin: "https://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" }],
    ["the right host over the wrong scheme", { origin: "http://chargeback.contoso.example" }],
    ["no Origin at all", {}],
    ["Origin null (a sandboxed page)", { origin: "null" }],
  ])("refuse %s with 403 and a message", (_name, headers) => {
    const refusal = post(headers);
    expect([refusal?.status, refusal?.code]).toEqual([403, "forbidden"]);
    expect(refusal?.error).toMatch(/^refused: .*use this site's own pages$/);
  });

  it("without a public URL, take the origin from Host, and from X-Forwarded-* only when a proxy is trusted", () => {
    const headers = new Headers({ host: "127.0.0.1:3000", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" });
    expect(expectedOrigin(headers, LOCAL)).toBe("http://127.0.0.1:3000");
    expect(expectedOrigin(headers, { ...LOCAL, trustForwarded: true })).toBe("https://evil.example");
    expect(post({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000", "x-forwarded-host": "evil.example" }, LOCAL)).toBeNull();
    expect(
      post({ host: "127.0.0.1:3000", origin: "https://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" }, LOCAL)?.status,
    ).toBe(403);
  });
});

// Issue 24 item 1: sizes are judged from Content-Length before anything reads the body.
describe("body caps per path", () => {
  it("take a mapping file of 5 MB on the mappings page and 1 MB anywhere else", () => {
    expect(bodyCapFor("/admin/mappings")).toBeGreaterThan(5 * 1024 * 1024);
    // A cost export uploaded on the reconciliation page (lib/invoice/importUploadedInvoice.ts).
    expect(bodyCapFor("/reconciliation")).toBeGreaterThan(5 * 1024 * 1024);
    expect(bodyCapFor("/admin/owners")).toBe(DEFAULT_BODY_CAP);
    const origin = { origin: "https://chargeback.contoso.example" };
    expect(post({ ...origin, "content-length": String(2 * 1024 * 1024) }, SITE, "/admin/mappings")).toBeNull();
    expect(post({ ...origin, "content-length": String(2 * 1024 * 1024) })?.status).toBe(413);
  });

  it("refuse a body of no declared length (411), and judge size before origin", () => {
    expect(refusalOf("POST", "/", new Headers({ "transfer-encoding": "chunked", origin: "https://chargeback.contoso.example" }), SITE)?.code).toBe(
      "length_required",
    );
    expect(post({ origin: "https://evil.example", "content-length": String(50 * 1024 * 1024) })?.status).toBe(413);
  });
});
