"use client";

import { useFormStatus } from "react-dom";

/**
 * `name`/`value`: which of a form's buttons was pressed, sent with the form. `pending`: for a form
 * submitted by hand (useKeptForm), whose action React's form status does not see.
 */
type Props = { label: string; pendingLabel: string; primary?: boolean; ariaLabel?: string; name?: string; value?: string; pending?: boolean };

/** A submit button that says it is working and cannot be pressed again until the server answers. */
export function SubmitButton({ label, pendingLabel, primary = false, ariaLabel, name, value, pending: submitting }: Props) {
  const status = useFormStatus();
  const pending = submitting ?? status.pending;
  return (
    <button
      type="submit"
      className={primary ? "primary" : undefined}
      disabled={pending}
      aria-disabled={pending}
      aria-busy={pending}
      aria-label={ariaLabel}
      name={name}
      value={value}
    >
      {pending ? pendingLabel : label}
    </button>
  );
}
