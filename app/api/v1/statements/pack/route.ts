import { NextResponse } from "next/server";
import { z } from "zod";
import { Conflict } from "@/lib/core/errors";
import { Month } from "@/lib/core/months";
import { getStatementPack } from "@/lib/statements/statementPack";
import { getSharedStore } from "@/lib/store";
import { defineRoute } from "@/app/_server/defineRoute";

export const dynamic = "force-dynamic";

/** Every unit's statement PDF for a closed month in one ZIP: finance only (it holds every unit's figures). */
export const GET = defineRoute({
  access: { may: "statements:pack", refused: "only finance downloads every unit's statements at once" },
  query: z.object({ month: Month }),
  handle: async ({ query: { month } }) => {
    const pack = await getStatementPack(getSharedStore(), month);
    if (!pack) throw new Conflict(`${month} is not closed yet: statements are issued when finance closes the month`);
    return new NextResponse(new Uint8Array(pack), {
      headers: {
        "content-type": "application/zip",
        "content-disposition": `attachment; filename="statements-${month}.zip"`,
        "cache-control": "no-store",
      },
    });
  },
});
