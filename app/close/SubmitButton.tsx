"use client";

import { useFormStatus } from "react-dom";

/** A submit button that says it is working and cannot be pressed again until the server answers. */
export function SubmitButton({ label, pendingLabel, primary = false }: { label: string; pendingLabel: string; primary?: boolean }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={primary ? "primary" : undefined} disabled={pending} aria-disabled={pending}>
      {pending ? pendingLabel : label}
    </button>
  );
}
