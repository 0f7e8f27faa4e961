"use client";
import { useState, type ReactNode } from "react";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/action-result";

interface ActionDialogProps<T> {
  /** The button that opens the dialog: its visible text and, when terse, a fuller accessible name. */
  triggerLabel: ReactNode;
  triggerAriaLabel?: string;
  triggerVariant?: ButtonProps["variant"];
  triggerSize?: ButtonProps["size"];
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  tone?: "danger" | "primary";
  action: (state: ActionResult<T>, formData: FormData) => Promise<ActionResult<T>>;
  /** Fields of the form (a role select, a confirmation input, hidden ids). */
  children?: ReactNode | ((errorFor: (name: string) => string | undefined) => ReactNode);
}

/**
 * A confirmation step for an action: the dialog's form posts to a server action, shows its error
 * in place, and closes with a toast when it succeeds.
 */
export function ActionDialog<T>({ triggerLabel, triggerAriaLabel, triggerVariant = "secondary", triggerSize = "sm", title, description, confirmLabel, tone = "primary", action, children }: ActionDialogProps<T>) {
  const [open, setOpen] = useState(false);
  const { pending, errorFor, formError, formProps } = useActionForm<T>(action, { onSuccess: () => setOpen(false) });
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant={triggerVariant} size={triggerSize} aria-label={triggerAriaLabel}>
          {triggerLabel}
        </Button>
      </DialogTrigger>
      <DialogContent title={title} description={description}>
        <form {...formProps} className="space-y-4">
          <FormMessage tone="error" message={formError} />
          {typeof children === "function" ? children(errorFor) : children}
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="ghost">Cancel</Button>
            </DialogClose>
            <SubmitButton pending={pending} variant={tone === "danger" ? "danger" : "primary"}>
              {confirmLabel}
            </SubmitButton>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
