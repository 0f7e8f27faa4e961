import { CircleAlert, Info, TriangleAlert } from "lucide-react";
import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

export type BannerTone = "info" | "warning" | "danger";

const tones: Record<BannerTone, { className: string; Icon: typeof Info }> = {
  info: { className: "border-info-subtle-border bg-info-subtle text-info-subtle-foreground", Icon: Info },
  warning: {
    className: "border-warning-subtle-border bg-warning-subtle text-warning-subtle-foreground",
    Icon: TriangleAlert,
  },
  danger: {
    className: "border-danger-subtle-border bg-danger-subtle text-danger-subtle-foreground",
    Icon: CircleAlert,
  },
};

export type BannerProps = Omit<ComponentProps<"div">, "title"> & {
  tone?: BannerTone;
  title?: ReactNode;
  /** Optional action (e.g. a ButtonLink or a small form). */
  action?: ReactNode;
};

/**
 * Full-width notice. Static content: no live region. Extra div props pass
 * through (e.g. role="region" aria-label="..." when placed outside landmarks).
 */
export function Banner({ tone = "info", title, children, action, className, ...props }: BannerProps) {
  const { className: toneClass, Icon } = tones[tone];
  return (
    <div
      {...props}
      data-tone={tone}
      className={cn(
        "flex w-full flex-col gap-3 rounded-lg border px-4 py-3 text-sm sm:flex-row sm:items-center",
        toneClass,
        className,
      )}
    >
      <div className="flex min-w-0 flex-1 items-start gap-2.5">
        <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
        <div className="min-w-0">
          {title ? <p className="font-semibold">{title}</p> : null}
          {children ? <div className={cn(title ? "mt-0.5" : undefined)}>{children}</div> : null}
        </div>
      </div>
      {action ? <div className="flex shrink-0 items-center gap-2 sm:ml-auto">{action}</div> : null}
    </div>
  );
}
