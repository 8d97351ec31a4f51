import { forbidden } from "next/navigation";
import { seesEveryUnit } from "@/lib/auth/access";
import { requireCaller } from "@/app/_server/currentCaller";
import { pageMonth } from "@/app/_server/pageMonth";
import { UnmappedAppsPage } from "./UnmappedAppsPage";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ month?: string; page?: string }> };

/** The month's unmapped apps by name: for finance and admins, who see every unit. */
export default async function Page({ searchParams }: Props) {
  const caller = await requireCaller("/unmapped");
  if (!seesEveryUnit(caller)) forbidden();
  const params = await searchParams;
  const { month, refused, bounds } = await pageMonth(params.month);
  return <UnmappedAppsPage caller={caller} month={month} monthNote={{ refused, bounds }} page={params.page} />;
}
