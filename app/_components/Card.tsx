import type { ReactNode } from "react";

/**
 * One figure among a page's cards (inside `<dl className="cards">`): its label, and its value with
 * whatever the value carries (a hint, links). `testId` and `title` go on the value.
 */
export function Card({ label, testId, title, children }: { label: string; testId?: string; title?: string; children: ReactNode }) {
  return (
    <div className="card">
      <dt>{label}</dt>
      <dd data-testid={testId} title={title}>
        {children}
      </dd>
    </div>
  );
}
