import fs from "node:fs";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { MAX_END_USER, MAX_TAG_VALUE, MAX_TAGS, TAG_KEY } from "../../lib/events/eventTags";
import { ChargebackV1Event } from "../../lib/events/shapes/chargebackV1";

const POLICY = fs.readFileSync(path.resolve(__dirname, "..", "..", "deploy", "apim", "chargeback-policy.xml"), "utf8");
const policy = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(POLICY).policies;
const expressions = (node: unknown): string[] =>
  typeof node === "string" ? [node] : node && typeof node === "object" ? Object.values(node).flatMap(expressions) : [];

describe("the APIM chargeback policy", () => {
  it("is well-formed XML with the four policy sections", () => {
    expect(XMLValidator.validate(POLICY)).toBe(true);
    expect(Object.keys(policy)).toEqual(expect.arrayContaining(["inbound", "backend", "outbound", "on-error"]));
  });

  it("emits exactly the fields of the chargeback/v1 shape the pipeline reads", () => {
    const builder = expressions(policy.outbound).find((e) => e.includes('new JProperty("schema", "chargeback/v1")'));
    expect(builder).toBeDefined();
    const emitted = [...builder!.matchAll(/new JProperty\("(\w+)"/g)].map((m) => m[1]);
    expect(emitted.sort()).toEqual(Object.keys(ChargebackV1Event.in.shape).sort());
  });

  it("reads usage as each API names it, with what is billed apart and the service tier", () => {
    const builder = expressions(policy.outbound).find((e) => e.includes('new JProperty("schema", "chargeback/v1")'))!;
    for (const field of [
      'usage["prompt_tokens"] ?? usage["input_tokens"]',
      'usage["completion_tokens"] ?? usage["output_tokens"]',
      'usage["prompt_tokens_details"] ?? usage["input_tokens_details"] ?? usage["input_token_details"]',
      'usage["completion_tokens_details"] ?? usage["output_tokens_details"] ?? usage["output_token_details"]',
      'inputs["cached_tokens"]',
      'inputs["cache_write_tokens"]',
      'inputs["audio_tokens"]',
      '"cached_tokens_details.audio_tokens"',
      'inputs["image_tokens"]',
      '"cached_tokens_details.image_tokens"',
      'outputs["audio_tokens"]',
      'outputs["image_tokens"]',
      'response?["service_tier"]',
    ]) {
      expect(builder).toContain(field);
    }
    // The Responses API streams its usage in response.completed and takes no stream_options.include_usage.
    expect(builder).toContain('var inner = chunk["response"] as JObject;');
    expect(policy.inbound.choose.when.condition).toContain('!context.Request.Url.Path.Contains("/responses")');
  });

  it("takes the app from the validated token, azp first, then appid", () => {
    expect(policy.inbound["validate-azure-ad-token"]["output-token-variable-name"]).toBe("chargebackJwt");
    const appId = policy.inbound["set-variable"].find((v: { name: string }) => v.name === "chargebackAppId").value;
    expect(appId.indexOf('"azp"')).toBeGreaterThan(-1);
    expect(appId.indexOf('"azp"')).toBeLessThan(appId.indexOf('"appid"'));
  });

  it("asks streamed calls for their usage and reads it from the stream", () => {
    expect(expressions(policy.inbound).join("\n")).toContain('options["include_usage"] = true');
    expect(expressions(policy.outbound).join("\n")).toContain('data.StartsWith("data:")');
  });

  it("reads a JSON error body before the stream, so a streamed call's filtered prompt keeps its content_filter code", () => {
    const outbound = expressions(policy.outbound).join("\n");
    const json = outbound.indexOf('if (text.TrimStart().StartsWith("{"))');
    expect(json).toBeGreaterThan(-1);
    expect(json).toBeLessThan(outbound.indexOf('else if ((bool)context.Variables["chargebackStreamed"])'));
  });

  it("takes tags from x-chargeback-tag-<key> headers and the end user from a user token or a header, within the pipeline's limits", () => {
    const variable = (name: string) => policy.inbound["set-variable"].find((v: { name: string }) => v.name === name).value as string;
    const tags = variable("chargebackTags");
    expect(tags).toContain('"x-chargeback-tag-"');
    expect(tags).toContain(`tags.Count >= ${MAX_TAGS}`);
    expect(tags).toContain(`"${TAG_KEY.source}"`);
    expect(tags).toContain(`value.Length > ${MAX_TAG_VALUE}`);
    const user = variable("chargebackEndUser");
    expect(user).toContain('"x-chargeback-end-user"');
    expect(user).toContain('GetValueOrDefault("oid"');
    expect(user).toContain(`user.Length > ${MAX_END_USER}`);
  });

  it("logs calls without usage too, with their status, and calls that failed in APIM from on-error", () => {
    const builder = expressions(policy.outbound).find((e) => e.includes('new JProperty("schema", "chargeback/v1")'))!;
    expect(builder).not.toContain('if (usage == null) { return ""; }');
    expect(builder).toContain("if (usage != null)");
    const onError = expressions(policy["on-error"]).find((e) => e.includes('new JProperty("schema", "chargeback/v1")'));
    expect(onError).toBeDefined();
    const emitted = [...onError!.matchAll(/new JProperty\("(\w+)"/g)].map((m) => m[1]);
    expect(Object.keys(ChargebackV1Event.in.shape)).toEqual(expect.arrayContaining(emitted));
    expect(onError).toContain('"client_disconnect"');
    expect(onError).toContain('"timeout"');
    expect(policy["on-error"].choose.otherwise["log-to-eventhub"]["logger-id"]).toBe("chargeback-eventhub");
  });

  it("guards every expression that builds data with a catch, so the policy never throws", () => {
    const builders = [...expressions(policy.inbound), ...expressions(policy.outbound), ...expressions(policy["on-error"])].filter((e) =>
      e.trim().startsWith("@{"),
    );
    expect(builders.length).toBeGreaterThanOrEqual(7);
    expect(builders.filter((e) => !e.includes("catch (Exception)"))).toEqual([]);
  });

  it("sends nothing when no event was built; else the event, to Event Hubs or to the HTTP intake as the transport says", () => {
    const [nothing, http] = policy.outbound.choose.when;
    expect(nothing.condition).toBe('@(string.IsNullOrEmpty((string)context.Variables["chargebackEvent"]))');
    expect(Object.keys(nothing)).toEqual(["condition"]);
    expect(http.condition).toBe('@("{{chargeback-transport}}" == "http")');
    const send = http["send-one-way-request"];
    expect(send["set-url"]).toBe("{{chargeback-intake-url}}");
    expect(send["set-method"]).toBe("POST");
    expect(send["authentication-managed-identity"].resource).toBe("{{chargeback-intake-audience}}");
    expect(send["set-body"]).toBe('@((string)context.Variables["chargebackEvent"])');
    expect(policy.outbound.choose.otherwise["log-to-eventhub"]).toMatchObject({
      "logger-id": "chargeback-eventhub",
      "partition-key": '@((string)context.Variables["chargebackAppId"])',
      "#text": '@((string)context.Variables["chargebackEvent"])',
    });
  });
});

describe("the APIM token-metric fragment", () => {
  const FRAGMENT = fs.readFileSync(path.resolve(__dirname, "..", "..", "deploy", "apim", "token-metric-fragment.xml"), "utf8");

  it("is a well-formed fragment emitting tokens per app from the variable the chargeback policy sets", () => {
    expect(XMLValidator.validate(FRAGMENT)).toBe(true);
    const metric = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(FRAGMENT).fragment["azure-openai-emit-token-metric"];
    const appId = metric.dimension.find((d: { name: string }) => d.name === "appId");
    expect(appId.value).toContain('context.Variables.GetValueOrDefault("chargebackAppId"');
    expect(POLICY).toContain('<set-variable name="chargebackAppId"');
  });
});
