"use client";

import { useId, useState, useTransition } from "react";
import { findApps } from "./actions";

/**
 * An app picked by name: as the person types, the server lists matching apps (name, with the id as
 * a hint), so a page never carries every app. The server resolves what was typed, name or id.
 */
export function AppPicker({ name, label, defaultValue = "" }: { name: string; label: string; defaultValue?: string }) {
  const listId = useId();
  const [matches, setMatches] = useState<{ appId: string; name: string }[]>([]);
  const [, startTransition] = useTransition();
  const search = (typed: string) => {
    if (typed.trim().length < 2) return;
    startTransition(async () => setMatches(await findApps(typed)));
  };
  return (
    <label>
      {label}
      <input
        name={name}
        list={listId}
        required
        autoComplete="off"
        defaultValue={defaultValue}
        aria-label={label}
        placeholder="type part of its name"
        onChange={(e) => search(e.currentTarget.value)}
      />
      <datalist id={listId}>
        {matches.map((a) => (
          <option key={a.appId} value={a.name}>
            {a.appId}
          </option>
        ))}
      </datalist>
    </label>
  );
}
