import { LoaderCircle } from "lucide-react";
import { cn } from "./cn";

/**
 * Spinning loader icon. Decorative by default; pass `label` to give it
 * screen-reader text (e.g. when used on its own, not inside a button).
 */
export function Spinner({ className, label }: { className?: string; label?: string }) {
  const icon = (
    <LoaderCircle aria-hidden="true" className={cn("size-4 shrink-0 animate-spin", className)} />
  );
  if (!label) return icon;
  return (
    <span className="inline-flex items-center">
      {icon}
      <span className="sr-only">{label}</span>
    </span>
  );
}
