import { forbidden } from "next/navigation";
import { may } from "../../lib/auth/access";
import { requireCaller } from "../_server/currentCaller";
import { pageMonth } from "../_server/pageMonth";
import { previousMonth } from "../../lib/core/months";
import { CloseWorkspacePage } from "./CloseWorkspacePage";
import { closeReview } from "./closeReview";

export const dynamic = "force-dynamic";

type Props = {
  searchParams: Promise<{ month?: string; error?: string; step?: string; basis?: string; unmatched?: string; acceptWarnings?: string }>;
};

/** Finance's month-end: the checklist, the close (its choices, then their review), and the statements it issued. Defaults to last month. */
export default async function Page({ searchParams }: Props) {
  const { month: asked, error, ...choices } = await searchParams;
  const caller = await requireCaller(asked ? `/close?month=${encodeURIComponent(asked)}` : "/close");
  if (!may(caller, "months:close")) forbidden();
  // Only months with data can be closed: a month not started, or before the first usage, is refused.
  const { month, refused, bounds } = await pageMonth(asked);
  const shown = asked === undefined || refused ? previousMonth(month) : month;
  // A review is of the month asked: none when another month is shown instead.
  const review = refused ? null : closeReview(choices);
  return <CloseWorkspacePage month={shown} monthNote={{ refused, bounds }} error={error} review={review} />;
}
