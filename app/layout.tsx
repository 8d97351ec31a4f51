import type { Metadata, Viewport } from "next";
import { type ReactNode, Suspense } from "react";
import { may, seesEveryUnit } from "@/lib/auth/access";
import { ScrollableTables } from "./_components/ScrollableTables";
import { SubmitButton } from "./_components/SubmitButton";
import { isReportPath, StaleDataBanner } from "./_components/StaleDataBanner";
import { ThemeToggle } from "./_components/ThemeToggle";
import { currentCaller } from "./_server/currentCaller";
import { requestPath } from "./_server/gatePage";
import { themeChoice } from "./_server/theme";
import { signOut } from "./signin/actions";
import "./globals.css";

export const metadata: Metadata = {
  title: "Chargeback",
  description: "Azure OpenAI cost per business unit",
  icons: { icon: "/favicon.svg" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, colorScheme: "light dark" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [caller, theme, path] = await Promise.all([currentCaller(), themeChoice(), requestPath()]);
  return (
    // data-theme only when the user chose one: otherwise the OS preference applies (globals.css).
    <html lang="en" data-theme={theme ?? undefined}>
      <body>
        <header className="top">
          <a href="/" className="brand">
            Chargeback
          </a>
          <span className="tagline">Azure OpenAI cost by business unit</span>
          {/* One menu: open on wide screens (globals.css hides its summary), folded on phones. */}
          <details className="menu">
            <summary>Menu</summary>
            <nav className="who" aria-label="Account">
              {caller && (
                <>
                  <a href="/budgets">Budgets</a>
                  <a href="/anomalies">Anomalies</a>
                  {may(caller, "mappings:write") && <a href="/admin/mappings">Mappings</a>}
                  {may(caller, "splits:write") && <a href="/admin/splits">Splits</a>}
                  {may(caller, "owners:write") && <a href="/admin/owners">Owners</a>}
                  {may(caller, "catalog:read") && <a href="/admin/deployments">Deployments</a>}
                  {may(caller, "catalog:read") && <a href="/admin/prices">Prices</a>}
                  {may(caller, "months:close") && <a href="/close">Close</a>}
                  {may(caller, "reconciliation:read") && <a href="/reconciliation">Reconciliation</a>}
                  {may(caller, "audit:read") && <a href="/admin/audit">Audit</a>}
                  {may(caller, "health:read") && <a href="/admin/health">Health</a>}
                  <span data-testid="signed-in-as">
                    {caller.name} ({seesEveryUnit(caller) ? caller.roles.join(", ") : `owner of ${caller.ownedUnits.join(", ") || "nothing yet"}`})
                  </span>
                </>
              )}
              <ThemeToggle choice={theme} />
              {caller && (
                <form action={signOut}>
                  <SubmitButton label="Sign out" pendingLabel="Signing out…" />
                </form>
              )}
            </nav>
          </details>
        </header>
        <main>
          {caller && isReportPath(path) && (
            <Suspense fallback={null}>
              <StaleDataBanner healthLink={may(caller, "health:read")} />
            </Suspense>
          )}
          {children}
        </main>
        <ScrollableTables />
      </body>
    </html>
  );
}
