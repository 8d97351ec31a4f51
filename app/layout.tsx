import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: "Chargeback",
  description: "Azure OpenAI cost per business unit",
  icons: { icon: "/favicon.svg" },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="top">
          <a href="/" className="brand">Chargeback</a>
          <span className="tagline">Azure OpenAI cost by business unit</span>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
