import type { ComponentProps } from "react";
import { cn } from "./cn";

export type LabelProps = ComponentProps<"label"> & {
  /** Shows a decorative asterisk (the control itself should carry `required`). */
  required?: boolean;
};

export function Label({ className, children, required, ...props }: LabelProps) {
  return (
    <label className={cn("text-sm font-medium leading-5 text-foreground", className)} {...props}>
      {children}
      {required ? (
        <span aria-hidden="true" className="ml-0.5 text-danger">
          *
        </span>
      ) : null}
    </label>
  );
}
