"use client";

import { useTheme } from "next-themes";
import { Toaster as Sonner } from "sonner";

/** Mount once in the root layout (inside ThemeProvider). */
export function Toaster() {
  const { theme } = useTheme();
  const sonnerTheme = theme === "light" || theme === "dark" ? theme : "system";
  return (
    <Sonner
      theme={sonnerTheme}
      position="bottom-right"
      closeButton
      toastOptions={{ className: "font-sans" }}
    />
  );
}
