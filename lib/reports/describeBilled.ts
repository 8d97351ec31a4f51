import { BILLED_KINDS, type BilledKind, type Tokens } from "../statements/statementLine";
import { formatCount } from "./formatMoney";

const BILLED_LABELS: Record<BilledKind, string> = {
  cacheWriteTokens: "cache writes",
  audioInputTokens: "audio in",
  audioCachedTokens: "cached audio in",
  audioOutputTokens: "audio out",
  imageInputTokens: "image in",
  imageCachedTokens: "cached image in",
  imageOutputTokens: "image out",
  priorityTokens: "at priority",
  longContextTokens: "long context",
};

/** "cache writes 3,000 · audio in 12,000 · at priority 10,500", or "" when nothing is billed apart. */
export const describeBilled = (t: Pick<Tokens, "billed">): string =>
  BILLED_KINDS.filter((k) => (t.billed?.[k] ?? 0) !== 0)
    .map((k) => `${BILLED_LABELS[k]} ${formatCount(t.billed![k]!)}`)
    .join(" · ");
