"use server";

import { cookies } from "next/headers";
import { THEME_COOKIE } from "../_server/theme";

const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * Keeps the theme chosen with the toggle in a cookie, read by the layout on the server so the page
 * comes in its theme without a flash; "system" forgets the choice. Anyone may choose, signed in or not.
 */
export async function chooseTheme(form: FormData): Promise<void> {
  const choice = form.get("theme");
  const jar = await cookies();
  if (choice === "light" || choice === "dark") jar.set(THEME_COOKIE, choice, { path: "/", maxAge: YEAR_SECONDS, sameSite: "lax", httpOnly: true });
  else jar.delete(THEME_COOKIE);
}
