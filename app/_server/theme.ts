import "server-only";
import { cookies } from "next/headers";

/** The theme the user chose with the toggle, or null: the OS preference applies (contracts: theme). */
export type ThemeChoice = "light" | "dark";
export const THEME_COOKIE = "theme";

export async function themeChoice(): Promise<ThemeChoice | null> {
  const value = (await cookies()).get(THEME_COOKIE)?.value;
  return value === "light" || value === "dark" ? value : null;
}
