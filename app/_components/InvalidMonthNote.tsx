import { describeRefusal, type MonthBounds, type MonthRefusal } from "@/lib/reports/reportRange";

/** Why a page shows another month than the one asked for, if it does (app/_server/pageMonth.ts). */
export type MonthNote = { refused: MonthRefusal | null; bounds: MonthBounds };

/** Says, politely, why the month asked for is not the one shown: not a month, not started yet, or before the first data. */
export function InvalidMonthNote({ note, month }: { note: MonthNote; month: string }) {
  if (!note.refused) return null;
  return (
    <p className="note" role="alert" data-testid="month-refused">
      {describeRefusal(note.refused, month, note.bounds)}
    </p>
  );
}
