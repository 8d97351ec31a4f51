import { forbidden, notFound } from "next/navigation";
import { canSeeUnit } from "@/lib/auth/access";
import { today } from "@/lib/core/clock";
import type { Params } from "@/lib/reports/reportFilters";
import { requireCaller } from "@/app/_server/currentCaller";
import { monthBounds } from "@/app/_server/pageMonth";
import { pageQuery } from "@/app/_server/pageQuery";
import { pageNumber } from "@/app/_components/pageNumber";
import { sortParam } from "@/app/_components/sortParam";
import { DayPage } from "./DayPage";

export const dynamic = "force-dynamic";

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

type Props = { params: Promise<{ day: string }>; searchParams: Promise<Params> };

/** One UTC day, opened from a daily chart: what it cost by unit, app and model, and its tokens, against the day before. */
export default async function Page({ params, searchParams }: Props) {
  const [{ day }, search] = await Promise.all([params, searchParams]);
  const path = `/days/${encodeURIComponent(day)}`;
  const caller = await requireCaller(path);
  // A day that is not a date, has not come yet, or is before the first data is not a page.
  const bounds = await monthBounds();
  const real = DAY.test(day) && new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;
  if (!real || day > today() || bounds.first === null || day.slice(0, 7) < bounds.first) notFound();
  const { query, problem } = pageQuery(search);
  // Out of scope is 403, as on the unit page.
  if (query.filters.units.some((u) => !canSeeUnit(caller, u))) forbidden();
  const one = (name: string) => (typeof search[name] === "string" ? (search[name] as string) : undefined);
  // The apps table answers "what drove the change": largest change first unless asked otherwise.
  const sorts = { unit: sortParam(one("unitSort")), app: one("appSort") ? sortParam(one("appSort")) : ("delta" as const), model: sortParam(one("modelSort")) };
  const appSearch = { q: one("appQ") ?? "", page: pageNumber(one("appPage")) };
  return <DayPage caller={caller} day={day} query={query} problem={problem} sorts={sorts} appSearch={appSearch} />;
}
