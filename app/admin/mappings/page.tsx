import { forbidden } from "next/navigation";
import { may } from "@/lib/auth/access";
import { requireCaller } from "@/app/_server/currentCaller";
import { getSharedStore } from "@/lib/store";
import { MappingsPage } from "./MappingsPage";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ done?: string; q?: string; page?: string; queue?: string }> };

/** Who pays for each app: the unmapped queue, moves, bulk CSV. Admins only. */
export default async function Page({ searchParams }: Props) {
  const caller = await requireCaller("/admin/mappings");
  if (!may(caller, "mappings:write")) forbidden();
  return <MappingsPage store={getSharedStore()} params={await searchParams} />;
}
