import { afterAll } from "vitest";
import { closeDb } from "../db/client";

process.env.APP_URL ??= "http://localhost:3000";
delete process.env.SMTP_URL;

afterAll(async () => {
  await closeDb();
});
