"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useTheme } from "next-themes";
import { useSyncExternalStore } from "react";
import { buttonClasses } from "./button";
import { cn } from "./cn";

const order = ["light", "dark", "system"] as const;
type ThemeName = (typeof order)[number];
const icons = { light: Sun, dark: Moon, system: Monitor } satisfies Record<ThemeName, typeof Sun>;

const subscribe = () => () => {};

/** Icon button cycling light → dark → system. */
export function ThemeToggle({ className }: { className?: string }) {
  const { theme, setTheme } = useTheme();
  // false during SSR and hydration, true afterwards: avoids a hydration mismatch.
  const mounted = useSyncExternalStore(subscribe, () => true, () => false);
  const classes = buttonClasses({ variant: "ghost", size: "sm", className: cn("w-8 px-0", className) });

  if (!mounted) {
    return (
      <button type="button" className={classes} aria-label="Theme" disabled>
        <Monitor aria-hidden="true" className="opacity-0" />
      </button>
    );
  }

  const current: ThemeName = theme === "light" || theme === "dark" ? theme : "system";
  const next = order[(order.indexOf(current) + 1) % order.length] ?? "light";
  const Icon = icons[current];

  return (
    <button
      type="button"
      className={classes}
      aria-label={`Theme: ${current} (switch to ${next})`}
      title={`Theme: ${current} (switch to ${next})`}
      onClick={() => setTheme(next)}
    >
      <Icon aria-hidden="true" />
    </button>
  );
}
