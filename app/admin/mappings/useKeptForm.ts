"use client";

import { startTransition, useActionState, type FormEvent } from "react";

/**
 * A form whose action answers with a state, submitted by hand: React resets a form after its own
 * action, and a refused or previewed change must stay in the form as typed.
 */
export function useKeptForm<S extends object>(action: (previous: Awaited<S>, form: FormData) => Promise<S>, initial: Awaited<S>) {
  const [state, dispatch, pending] = useActionState<S, FormData>(action, initial);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => dispatch(data));
  };
  return [state, submit, pending] as const;
}
