const BASE = "http://chargeback.invalid";

/**
 * A path on this site to go back to after sign-in. Browsers drop tabs and newlines and read `\`
 * as `/`, so the value is resolved as a browser would and must stay on this site; anything else
 * becomes "/".
 */
export function safeReturnTo(value: unknown): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what a return path must not carry
  if (typeof value !== "string" || value.length > 2048 || !value.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  const url = new URL(value, BASE);
  // "/..//evil.example" resolves to the path "//evil.example", which a browser reads as a host.
  if (url.origin !== BASE || url.pathname.startsWith("//")) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
