/** A path on this site to go back to after sign-in; anything else (other hosts, `//x`, `/\x`) becomes "/". */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value.length > 2048 ? "/" : value;
}
