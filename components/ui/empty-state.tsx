import { Inbox } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "./cn";

export type EmptyStateProps = {
  /** An icon element, e.g. <Users />. Defaults to an inbox icon. */
  icon?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  /** Optional call to action, e.g. a ButtonLink. */
  action?: ReactNode;
  /** Heading level for the title (default h2). */
  titleAs?: "h2" | "h3";
  className?: string;
};

export function EmptyState({ icon, title, description, action, titleAs: Title = "h2", className }: EmptyStateProps) {
  return (
    <div
      className={cn(
        "flex flex-col items-center justify-center gap-3 rounded-xl border border-dashed border-border px-6 py-12 text-center",
        className,
      )}
    >
      <div
        aria-hidden="true"
        className="flex size-12 items-center justify-center rounded-full bg-muted text-muted-foreground [&_svg]:size-6"
      >
        {icon ?? <Inbox />}
      </div>
      <div className="grid max-w-sm gap-1">
        <Title className="text-base font-semibold text-foreground">{title}</Title>
        {description ? <p className="text-sm text-muted-foreground">{description}</p> : null}
      </div>
      {action ? <div className="mt-2 flex flex-wrap justify-center gap-2">{action}</div> : null}
    </div>
  );
}
