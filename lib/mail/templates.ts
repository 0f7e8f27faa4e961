import { config } from "@/lib/config";
import type { MailMessage } from "./outbox";

function escapeHtml(value: string) {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export function mailLayout(to: string, subject: string, paragraphs: string[], link?: { label: string; url: string }): MailMessage {
  const footer = link ? "If you did not ask for this, you can ignore this mail." : "";
  const text = [...paragraphs, ...(link ? ["", `${link.label}: ${link.url}`] : []), ...(footer ? ["", footer] : [])].join("\n");
  const html = `<div style="font-family:system-ui,sans-serif;max-width:520px">${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("")}${
    link ? `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>` : ""
  }${footer ? `<p style="color:#555">${footer}</p>` : ""}</div>`;
  return { to, subject, text, html };
}

export function verifyEmailMail(to: string, name: string, token: string): MailMessage {
  const url = `${config().APP_URL}/verify-email?token=${encodeURIComponent(token)}`;
  return mailLayout(to, "Confirm your email address", [`Hello ${name},`, "Confirm your email address to finish creating your account. The link is valid for 24 hours."], {
    label: "Confirm email address",
    url,
  });
}

export function resetPasswordMail(to: string, name: string, token: string): MailMessage {
  const url = `${config().APP_URL}/reset-password?token=${encodeURIComponent(token)}`;
  return mailLayout(to, "Reset your password", [`Hello ${name},`, "Someone asked to reset the password of your account. The link is valid for 1 hour and works once."], {
    label: "Choose a new password",
    url,
  });
}
