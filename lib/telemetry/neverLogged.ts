/**
 * Keys whose values never reach a log line, at the top or one level down: end users and tag
 * values are personal or business data, the rest are secrets. Log statements do not pass them in
 * the first place; this is the net under that rule.
 */
export const NEVER_LOGGED = [
  "endUser",
  "endUserId",
  "user",
  "tags",
  "tag",
  "authorization",
  "cookie",
  "secret",
  "key",
  "token",
  "password",
  "connectionString",
] as const;

export const redactPaths = (): string[] => NEVER_LOGGED.flatMap((key) => [key, `*.${key}`]);
