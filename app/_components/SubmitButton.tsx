"use client";

import { useFormStatus } from "react-dom";

type Props = { label: string; pendingLabel: string; primary?: boolean; ariaLabel?: string };

/** A submit button that says it is working and cannot be pressed again until the server answers. */
export function SubmitButton({ label, pendingLabel, primary = false, ariaLabel }: Props) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={primary ? "primary" : undefined} disabled={pending} aria-disabled={pending} aria-busy={pending} aria-label={ariaLabel}>
      {pending ? pendingLabel : label}
    </button>
  );
}
