/** A dynamic route segment as text; a malformed escape ("50%") is taken as written, never a 500. */
export function decodeParam(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
