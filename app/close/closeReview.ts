/** The choices of a close under review: its basis, who carries invoiced cost with no usage, and whether the warnings were accepted. */
export type CloseReview = { basis: "list" | "actual"; unmatched: string; acceptWarnings: boolean };

type Asked = { step?: string | string[]; basis?: string | string[]; unmatched?: string | string[]; acceptWarnings?: string | string[] };

/**
 * The review the address asks for (the close form's fields, sent as a plain GET so they count
 * whenever they were set, before the page's script ran or after), or none. An unknown basis is no
 * review: the form is shown again. The close itself checks everything once more.
 */
export function closeReview({ step, basis = "list", unmatched = "pro-rata", acceptWarnings }: Asked): CloseReview | null {
  if (step !== "review" || (basis !== "list" && basis !== "actual") || typeof unmatched !== "string") return null;
  return { basis, unmatched, acceptWarnings: acceptWarnings === "yes" };
}
