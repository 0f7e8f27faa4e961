"use client";
import { useEffect, useRef, useState } from "react";
import { useTheme } from "next-themes";

interface ScalarApp {
  destroy?: () => void;
}
declare global {
  interface Window {
    Scalar?: { createApiReference: (element: HTMLElement, configuration: Record<string, unknown>) => ScalarApp };
  }
}

/**
 * Mounts Scalar's standalone bundle into this element. The script is added by this (nonced,
 * trusted) code, so the page's 'strict-dynamic' policy lets it run without an inline script; it
 * loads nothing from elsewhere: no fonts, no proxy, no telemetry, no hosted agent.
 */
export function ApiReference({ documentUrl, scriptUrl }: { documentUrl: string; scriptUrl: string }) {
  const element = useRef<HTMLDivElement>(null);
  const { resolvedTheme } = useTheme();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let app: ScalarApp | undefined;
    let cancelled = false;
    const mount = () => {
      if (cancelled || !element.current || !window.Scalar) return;
      app = window.Scalar.createApiReference(element.current, {
        url: documentUrl,
        withDefaultFonts: false,
        hideClientButton: true,
        showDeveloperTools: "never",
        telemetry: false,
        // Scalar's hosted AI agent and MCP generator would call Scalar's servers: off.
        agent: { disabled: true },
        mcp: { disabled: true },
        darkMode: resolvedTheme === "dark",
        hideDarkModeToggle: true,
        layout: "modern",
        authentication: { preferredSecurityScheme: "memberKey" },
      });
    };
    if (window.Scalar) mount();
    else {
      let script = document.querySelector<HTMLScriptElement>(`script[data-scalar="${scriptUrl}"]`);
      if (!script) {
        script = document.createElement("script");
        script.src = scriptUrl;
        script.async = true;
        script.dataset.scalar = scriptUrl;
        document.head.appendChild(script);
      }
      script.addEventListener("load", mount);
      script.addEventListener("error", () => setFailed(true));
    }
    return () => {
      cancelled = true;
      app?.destroy?.();
    };
  }, [documentUrl, scriptUrl, resolvedTheme]);

  return (
    <>
      {failed && <p role="alert">The reference could not be loaded. The document itself is at {documentUrl}.</p>}
      <div ref={element} data-testid="api-reference" className="min-h-[60vh] overflow-hidden rounded-lg border border-border" />
    </>
  );
}
