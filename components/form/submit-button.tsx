"use client";

import { useFormStatus } from "react-dom";
import { Button } from "@/components/ui/button";
import type { ButtonProps } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";

export type SubmitButtonProps = Omit<ButtonProps, "type"> & {
  /**
   * Force the pending state (e.g. `pending` from useActionState/useActionForm when the
   * form submits through onSubmit, which useFormStatus cannot see).
   */
  pending?: boolean;
  /** Optional text shown while pending (defaults to children). */
  pendingLabel?: string;
};

/** Submit button for the enclosing <form>; disabled with a spinner while pending. */
export function SubmitButton({ children, pending: pendingProp, pendingLabel, disabled, ...props }: SubmitButtonProps) {
  const status = useFormStatus();
  const pending = Boolean(pendingProp) || status.pending;
  return (
    <Button type="submit" disabled={pending || disabled} aria-busy={pending || undefined} {...props}>
      {pending ? <Spinner /> : null}
      {pending && pendingLabel ? pendingLabel : children}
    </Button>
  );
}
