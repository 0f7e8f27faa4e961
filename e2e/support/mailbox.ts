import { simpleParser } from "mailparser";
import http from "node:http";
import { SMTPServer } from "smtp-server";

export const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2525);
export const MAILBOX_PORT = Number(process.env.E2E_MAILBOX_PORT ?? 2526);

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  receivedAt: number;
}

/** Listens on 127.0.0.1, or fails with a message naming the port and the setting that moves it. */
function listen(server: http.Server | SMTPServer["server"], port: number, setting: string) {
  return new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new Error(`Port ${port} is taken by another program: set ${setting} to a free port.`) : error),
    );
    server.listen(port, "127.0.0.1", () => resolve());
  });
}

/**
 * A real SMTP server for the journeys: the console delivers to it over SMTP like to any mail server,
 * and tests read what arrived through a tiny HTTP endpoint (tests run in other processes).
 */
export async function startMailbox() {
  const mails: ReceivedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            receivedAt: Date.now(),
          });
          callback();
        })
        .catch(callback);
    },
  });
  await listen(smtp.server, SMTP_PORT, "E2E_SMTP_PORT");

  const api = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const to = url.searchParams.get("to")?.toLowerCase();
    response.setHeader("Content-Type", "application/json");
    response.end(JSON.stringify(to ? mails.filter((m) => m.to.includes(to)) : mails));
  });
  await listen(api, MAILBOX_PORT, "E2E_MAILBOX_PORT");

  return async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await new Promise<void>((resolve) => api.close(() => resolve()));
  };
}
