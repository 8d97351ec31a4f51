import type { Metadata } from "next";
import type { ReactNode } from "react";
import { may, seesEveryUnit } from "@/lib/auth/access";
import { currentCaller } from "./_server/currentCaller";
import { signOut } from "./signin/actions";
import "./globals.css";

export const metadata: Metadata = {
  title: "Chargeback",
  description: "Azure OpenAI cost per business unit",
  icons: { icon: "/favicon.svg" },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const caller = await currentCaller();
  return (
    <html lang="en">
      <body>
        <header className="top">
          <a href="/" className="brand">
            Chargeback
          </a>
          <span className="tagline">Azure OpenAI cost by business unit</span>
          {caller && (
            <nav className="who" aria-label="Account">
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
              <form action={signOut}>
                <button type="submit">Sign out</button>
              </form>
            </nav>
          )}
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
