"use client";

import { useFormStatus } from "react-dom";

/** `name`/`value`: which of a form's buttons was pressed, sent with the form. */
type Props = { label: string; pendingLabel: string; primary?: boolean; ariaLabel?: string; name?: string; value?: string };

/** A submit button that says it is working and cannot be pressed again until the server answers. */
export function SubmitButton({ label, pendingLabel, primary = false, ariaLabel, name, value }: Props) {
  const { pending } = useFormStatus();
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
