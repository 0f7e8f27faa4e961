import { config } from "@/lib/config";
import type { MailMessage } from "./outbox";

function escapeHtml(value: string) {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function layout(to: string, subject: string, paragraphs: string[], link: { label: string; url: string }): MailMessage {
  const text = [...paragraphs, "", `${link.label}: ${link.url}`, "", "If you did not ask for this, you can ignore this mail."].join("\n");
  const html = `<div style="font-family:system-ui,sans-serif;max-width:520px">${paragraphs
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join("")}<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p><p style="color:#555">If you did not ask for this, you can ignore this mail.</p></div>`;
  return { to, subject, text, html };
}

export function verifyEmailMail(to: string, name: string, token: string): MailMessage {
  const url = `${config().APP_URL}/verify-email?token=${encodeURIComponent(token)}`;
  return layout(to, "Confirm your email address", [`Hello ${name},`, "Confirm your email address to finish creating your account. The link is valid for 24 hours."], {
    label: "Confirm email address",
    url,
  });
}

export function resetPasswordMail(to: string, name: string, token: string): MailMessage {
  const url = `${config().APP_URL}/reset-password?token=${encodeURIComponent(token)}`;
  return layout(to, "Reset your password", [`Hello ${name},`, "Someone asked to reset the password of your account. The link is valid for 1 hour and works once."], {
    label: "Choose a new password",
    url,
  });
}
