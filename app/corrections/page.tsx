import { requireCaller } from "../_server/currentCaller";
import { pageMonth } from "../_server/pageMonth";
import { CorrectionsPage } from "./CorrectionsPage";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ month?: string }> };

/** A month's corrections: booked in it, and pending against it once closed; each unit's owners see theirs. */
export default async function Page({ searchParams }: Props) {
  const { month: asked } = await searchParams;
  const caller = await requireCaller(asked ? `/corrections?month=${encodeURIComponent(asked)}` : "/corrections");
  const { month, refused, bounds } = await pageMonth(asked);
  return <CorrectionsPage caller={caller} month={month} monthNote={{ refused, bounds }} />;
}
