import type { ReactNode } from "react";
import { gatePage } from "@/app/_server/gatePage";

/** Checks the caller before loading.tsx streams its skeleton, so refusals keep their status (app/_server/gatePage.ts). */
export default async function Layout({ children }: { children: ReactNode }) {
  await gatePage("health:read");
  return children;
}
