import net from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { resetConfigForTests } from "@/lib/config";
import { queueMail } from "@/lib/mail/outbox";
import { uniqueEmail } from "@/test/factories";
import { enqueueJob } from "./queue";
import { runJobsOnce, startWorker } from "./worker";

interface Received {
  to: string[];
  subject: string;
  text: string;
}

const received: Received[] = [];
let smtpServer: SMTPServer;
let smtpPort: number;
/** Mails whose deliver_mail jobs this file created; their jobs are deleted after each test. */
const mailIds: string[] = [];

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function useSmtp(url: string | undefined) {
  if (url) process.env.SMTP_URL = url;
  else delete process.env.SMTP_URL;
  resetConfigForTests();
}

/** Queues a mail in its own transaction, as a lib function would, and returns its row id. */
async function queueTestMail(to = uniqueEmail("mail")) {
  await db.transaction((tx) => queueMail(tx, { to, subject: "Confirm your email", text: "Open https://console.test/verify?token=secret", html: "<p>secret</p>" }));
  const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.to, to));
  mailIds.push(mail!.id);
  return { to, id: mail!.id };
}

async function outboxRow(id: string) {
  const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
  return mail;
}

async function jobsFor(mailId: string) {
  const result = await db.execute<{ id: string; attempts: number; max_attempts: number; last_error: string | null; run_at: string }>(sql`
    select jobs.id, jobs.attempts, jobs.max_attempts, jobs.last_error, jobs.run_at
    from graphile_worker._private_jobs jobs
    join graphile_worker._private_tasks tasks on tasks.id = jobs.task_id
    where tasks.identifier = 'deliver_mail' and jobs.payload->>'mailId' = ${mailId}`);
  return result.rows;
}

const runJobs = () => runJobsOnce(process.env.DATABASE_URL!);

beforeAll(async () => {
  smtpServer = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: parsed.subject ?? "", text: parsed.text ?? "" });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtpServer.listen(0, "127.0.0.1", resolve));
  smtpPort = (smtpServer.server.address() as net.AddressInfo).port;
});

afterEach(async () => {
  vi.restoreAllMocks();
  if (mailIds.length) {
    await db.execute(sql`delete from graphile_worker._private_jobs where payload->>'mailId' = any(${sql.param(mailIds)}::text[])`);
    mailIds.length = 0;
  }
  useSmtp(undefined);
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtpServer.close(() => resolve()));
});

describe("mail delivery through the job queue", () => {
  it("delivers a queued mail from a worker, then erases its body", async () => {
    useSmtp(`smtp://127.0.0.1:${smtpPort}`);
    const mail = await queueTestMail();
    expect(await outboxRow(mail.id)).toMatchObject({ status: "pending", attempts: 0 });
    expect(await jobsFor(mail.id)).toHaveLength(1);

    await runJobs();

    const delivered = received.filter((m) => m.to.includes(mail.to));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.subject).toBe("Confirm your email");
    expect(delivered[0]!.text).toContain("token=secret");
    expect(await outboxRow(mail.id)).toMatchObject({ status: "sent", attempts: 1, text: "", html: null, lastError: null });
    expect((await outboxRow(mail.id))!.sentAt).toBeInstanceOf(Date);
    expect(await jobsFor(mail.id)).toHaveLength(0);
  });

  it("is picked up by a running worker as soon as its transaction commits", async () => {
    useSmtp(`smtp://127.0.0.1:${smtpPort}`);
    const stop = await startWorker({ connectionString: process.env.DATABASE_URL!, concurrency: 1 });
    try {
      const mail = await queueTestMail();
      await vi.waitFor(async () => expect((await outboxRow(mail.id))!.status).toBe("sent"), { timeout: 10_000, interval: 50 });
      expect(received.filter((m) => m.to.includes(mail.to))).toHaveLength(1);
    } finally {
      await stop();
    }
  });

  it("skips a mail that was already sent", async () => {
    useSmtp(`smtp://127.0.0.1:${smtpPort}`);
    const mail = await queueTestMail();
    await runJobs();
    await enqueueJob(db, "deliver_mail", { mailId: mail.id });
    await runJobs();
    expect(received.filter((m) => m.to.includes(mail.to))).toHaveLength(1);
    expect(await outboxRow(mail.id)).toMatchObject({ status: "sent", attempts: 1 });
    expect(await jobsFor(mail.id)).toHaveLength(0);
  });

  it("leaves neither mail nor job when the causing transaction rolls back", async () => {
    useSmtp(`smtp://127.0.0.1:${smtpPort}`);
    const to = uniqueEmail("rolled-back");
    let mailId: string | undefined;
    let jobsSeenOutside: number | undefined;
    await expect(
      db.transaction(async (tx) => {
        await queueMail(tx, { to, subject: "Never", text: "never" });
        const [mail] = await tx.select({ id: mailOutbox.id }).from(mailOutbox).where(eq(mailOutbox.to, to));
        mailId = mail!.id;
        jobsSeenOutside = (await jobsFor(mailId)).length;
        tx.rollback();
      }),
    ).rejects.toThrow(/rollback/i);
    expect(mailId).toBeDefined();
    mailIds.push(mailId!);
    expect(jobsSeenOutside).toBe(0); // before the commit, no worker can see the job
    expect(await db.select().from(mailOutbox).where(eq(mailOutbox.to, to))).toHaveLength(0);
    expect(await jobsFor(mailId!)).toHaveLength(0);
  });

  it("keeps the mail and the job for a retry when the SMTP server is down", async () => {
    useSmtp(`smtp://127.0.0.1:${await freePort()}`);
    const mail = await queueTestMail();
    const log = vi.spyOn(console, "error").mockImplementation(() => {});

    await runJobs();

    expect(log).toHaveBeenCalledWith(expect.stringMatching(/Failed task .*deliver_mail.*attempt 1 of 10/));
    const row = await outboxRow(mail.id);
    expect(row).toMatchObject({ status: "pending", attempts: 1, text: "Open https://console.test/verify?token=secret" });
    expect(row!.lastError).toMatch(/ECONNREFUSED|connect/i);
    const [job] = await jobsFor(mail.id);
    expect(job).toMatchObject({ attempts: 1, max_attempts: 10 });
    expect(job!.last_error).toBeTruthy();
    expect(new Date(job!.run_at).getTime()).toBeGreaterThan(Date.now());
  });

  it("marks the mail failed when its last attempt fails", async () => {
    useSmtp(`smtp://127.0.0.1:${await freePort()}`);
    const mail = await queueTestMail();
    await db.execute(sql`update graphile_worker._private_jobs set max_attempts = 1 where payload->>'mailId' = ${mail.id}`);
    vi.spyOn(console, "error").mockImplementation(() => {});

    await runJobs();

    expect(await outboxRow(mail.id)).toMatchObject({ status: "failed", attempts: 1 });
  });

  it("keeps the mail without SMTP and queues no job", async () => {
    useSmtp(undefined);
    const mail = await queueTestMail();
    expect(await outboxRow(mail.id)).toMatchObject({ status: "kept", attempts: 0 });
    expect(await jobsFor(mail.id)).toHaveLength(0);
  });
});
