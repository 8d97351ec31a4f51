"use client";

import { useState } from "react";

/**
 * A destructive submit that asks first: the first click only asks, "Yes, …" submits the form it
 * is in, "Cancel" puts the button back.
 */
export function ConfirmButton({ label, question, confirm }: { label: string; question: string; confirm: string }) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" aria-label={label} onClick={() => setAsking(true)}>
        Remove
      </button>
    );
  return (
    <span>
      {question}{" "}
      <button type="submit" className="primary">
        {confirm}
      </button>{" "}
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
