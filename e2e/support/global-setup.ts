import { startMailbox } from "./mailbox";

export default async function globalSetup() {
  if (!process.env.DATABASE_URL || !process.env.AUTH_SECRET) {
    throw new Error("Run the journeys through `npm test` or `npm run test:e2e`, which provide DATABASE_URL and AUTH_SECRET.");
  }
  return startMailbox();
}
