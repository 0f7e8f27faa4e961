import type { ComponentProps } from "react";
import { cn } from "./cn";

export type BadgeTone = "neutral" | "success" | "warning" | "danger" | "info";

const tones: Record<BadgeTone, string> = {
  neutral: "border-border bg-muted text-muted-foreground",
  success: "border-success-subtle-border bg-success-subtle text-success-subtle-foreground",
  warning: "border-warning-subtle-border bg-warning-subtle text-warning-subtle-foreground",
  danger: "border-danger-subtle-border bg-danger-subtle text-danger-subtle-foreground",
  info: "border-info-subtle-border bg-info-subtle text-info-subtle-foreground",
};

export type BadgeProps = ComponentProps<"span"> & { tone?: BadgeTone };

export function Badge({ tone = "neutral", className, ...props }: BadgeProps) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium [&_svg]:size-3",
        tones[tone],
        className,
      )}
      {...props}
    />
  );
}
