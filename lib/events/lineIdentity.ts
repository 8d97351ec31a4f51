import { createHash } from "node:crypto";

/** How many times each line hash has been seen so far in one input. */
export type SeenLines = Map<string, number>;

/**
 * Identity of lines that carry no request id: a hash of the line and how many identical lines
 * came before it in the same input, so re-reading a file, or the file with lines appended,
 * yields the same identities for the lines already seen.
 */
export function createLineIdentities(seen: SeenLines = new Map()): ((text: string) => string) & { seen: SeenLines } {
  const identify = (text: string) => {
    const hash = createHash("sha256").update(text).digest("base64url").slice(0, 24);
    const before = seen.get(hash) ?? 0;
    seen.set(hash, before + 1);
    return `line:${hash}:${before}`;
  };
  return Object.assign(identify, { seen });
}

export const requestIdentity = (requestId: string) => `req:${requestId}`;
