import { CircleAlert, CircleCheck } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

export type FormMessageProps = {
  /** "error" (default) or "success". */
  tone?: "error" | "success";
  /** Message text; nothing is rendered when empty and there are no children. */
  message?: string | null;
  children?: ReactNode;
  className?: string;
  id?: string;
};

/**
 * Form-level message box. Uses role="status" + aria-live="polite" for both
 * tones (role="alert" is reserved for Next's route announcer).
 */
export function FormMessage({ tone = "error", message, children, className, id }: FormMessageProps) {
  const content = children ?? message;
  if (content === null || content === undefined || content === "") return null;
  const Icon = tone === "success" ? CircleCheck : CircleAlert;
  return (
    <div
      id={id}
      role="status"
      aria-live="polite"
      data-tone={tone}
      className={cn(
        "flex items-start gap-2 rounded-md border px-3 py-2.5 text-sm",
        tone === "success"
          ? "border-success-subtle-border bg-success-subtle text-success-subtle-foreground"
          : "border-danger-subtle-border bg-danger-subtle text-danger-subtle-foreground",
        className,
      )}
    >
      <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0">{content}</div>
    </div>
  );
}
