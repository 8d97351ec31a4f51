import type { NextRequest } from "next/server";
import { jsonResponse } from "@/app/_server/apiAccess";
import { webConfig } from "@/app/_server/currentCaller";
import { defineRoute } from "@/app/_server/defineRoute";
import { eventIntake } from "@/lib/intake/receiveEvents";
import { getSharedStore } from "@/lib/store";

export const dynamic = "force-dynamic";

// Made on the first request, not at import: the store is opened only when the app serves.
let receive: ReturnType<typeof eventIntake> | undefined;

/**
 * HTTP intake for gateways without Event Hubs, reached only when Next.js serves by itself (`npx next
 * dev`, `next start`): our web server (scripts/webServer.mjs: `npm start`, `npm run dev`, the image)
 * answers POST /api/v1/events with its own listener before Next.js sees it
 * (ingest/http/intakeListener.ts, the same lib/intake/receiveEvents.ts), because Next.js's request
 * handling alone costs ~4.6 ms of CPU per request.
 */
export const POST = defineRoute({
  access: "anyone",
  observe: "/api/v1/events",
  handle: async ({ request }: { request: NextRequest }) => {
    receive ??= eventIntake(getSharedStore(), webConfig());
    return jsonResponse(await receive({ header: (name) => request.headers.get(name), body: request.body }));
  },
});
