import "server-only";
import { sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { users } from "@/db/schema";

export async function findUserByEmail(email: string, executor: Executor = db) {
  const [user] = await executor.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return user;
}
