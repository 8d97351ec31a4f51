// C0 and C1 controls and DEL (escape sequences can clear the screen, retitle the window or fake
// output), and the bidirectional marks and overrides that reorder what a terminal shows.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what this finds
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const spelt = (c: string) => {
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
};

/** Text from events or files, safe to print on a terminal: what it cannot show is spelt as an escape. */
export const printable = (text: string): string => text.replace(UNPRINTABLE, spelt);
