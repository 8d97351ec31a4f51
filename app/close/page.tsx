import { forbidden } from "next/navigation";
import { may } from "../../lib/auth/access";
import { requireCaller } from "../_server/currentCaller";
import { monthParam } from "../_components/monthParam";
import { previousMonth } from "../../lib/core/months";
import { CloseWorkspacePage } from "./CloseWorkspacePage";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ month?: string; error?: string }> };

/** Finance's month-end: the checklist, the close, and the statements it issued. Defaults to last month. */
export default async function Page({ searchParams }: Props) {
  const { month: asked, error } = await searchParams;
  const caller = await requireCaller(asked ? `/close?month=${encodeURIComponent(asked)}` : "/close");
  if (!may(caller, "months:close")) forbidden();
  const { month, invalidMonth } = monthParam(asked);
  return <CloseWorkspacePage month={asked === undefined ? previousMonth(month) : month} invalidMonth={invalidMonth} error={error} />;
}
