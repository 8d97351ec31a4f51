import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@prisma/client";
import { busyTimeout } from "./openDatabase";

/** Prisma Client over the same SQLite file, for admin CRUD and small reads. */
export function createPrismaClient(file: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file, timeout: busyTimeout() }) });
}
