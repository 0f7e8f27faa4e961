import Bowser from "bowser";

export interface Device {
  /** "Chrome on macOS", "Safari on iOS"; "Unknown device" when the user agent says nothing useful. */
  label: string;
  kind: "desktop" | "mobile" | "tablet" | "other";
}

/** What a person recognises of their own browser, from the user agent recorded at sign-in. */
export function describeDevice(userAgent: string | null | undefined): Device {
  if (!userAgent?.trim()) return { label: "Unknown device", kind: "other" };
  const parser = Bowser.getParser(userAgent);
  const browser = parser.getBrowserName();
  const os = parser.getOSName();
  const platform = parser.getPlatformType();
  const kind = platform === "desktop" || platform === "mobile" || platform === "tablet" ? platform : "other";
  if (browser && os) return { label: `${browser} on ${os}`, kind };
  if (browser || os) return { label: browser || os, kind };
  return { label: "Unknown device", kind };
}
