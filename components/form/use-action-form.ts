"use client";
import { startTransition, useActionState, useRef, type FormEvent } from "react";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/action-result";

type Action<T> = (state: ActionResult<T>, formData: FormData) => Promise<ActionResult<T>>;

interface Options<T> {
  /** Shown as a toast when the action succeeds (the result's own message wins). */
  successToast?: string;
  /** Set false when the form shows its success inline instead. */
  toasts?: boolean;
  onSuccess?: (result: Extract<ActionResult<T>, { status: "success" }>) => void;
  /** Clear the form after a success (for "add another" forms). */
  resetOnSuccess?: boolean;
}

/**
 * Wires a form to a server action. Submitting through `onSubmit` keeps every typed value on error
 * (React resets forms submitted through `action`). Validation is the server's alone: the form is
 * `noValidate`.
 */
export function useActionForm<T = undefined>(action: Action<T>, options: Options<T> = {}) {
  const formRef = useRef<HTMLFormElement>(null);
  // Announced as soon as the server answers, not in an effect: a success often removes the very row
  // (and form) that submitted it, and the toast must outlive it.
  const [state, dispatch, pending] = useActionState<ActionResult<T>, FormData>(async (previous, formData) => {
    const result = await action(previous, formData);
    if (result.status === "success") {
      const message = result.message ?? options.successToast;
      if (message && options.toasts !== false) toast.success(message);
      if (options.resetOnSuccess) formRef.current?.reset();
      options.onSuccess?.(result);
    }
    return result;
  }, { status: "idle" });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter);
    startTransition(() => dispatch(formData));
  }

  const fieldErrors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const errorFor = (name: string) => fieldErrors[name]?.[0];
  /** The form-level error, shown inline above the fields (errors are not toasts: they stay put); field errors show by their fields. */
  const formError = state.status === "error" && !state.fieldErrors ? state.message : undefined;

  return { state, pending, errorFor, formError, formProps: { ref: formRef, action: dispatch, onSubmit, noValidate: true } };
}
