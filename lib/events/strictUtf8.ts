// Fatal: a byte sequence that is not UTF-8 is an error, not U+FFFD, which would change the event
// (a key `m\xc1odel` read as `m�odel` is dropped, two request ids differing only there fold into
// one). The byte-order mark is kept, for the parser to drop where it belongs.
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Bytes that are not UTF-8, kept as they came (base64) for the quarantine. */
export type Undecodable = { base64: string };

export function decodeStrictUtf8(bytes: Uint8Array): string | Undecodable {
  try {
    return decoder.decode(bytes);
  } catch {
    return { base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64") };
  }
}

export const NOT_UTF8 = "not valid UTF-8: kept as its original bytes (base64)";
