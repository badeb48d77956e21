// Meetings test helpers: the HTTP calls of the API, and direct database access (the same
// PostgreSQL the test server uses) to read rows and to move stored times into the past.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { afterAll, inject } from "vitest";
import { api, type TestUser } from "./client";

let client: PrismaClient | undefined;

/** A Prisma client on the test database, closed after the file's tests. */
export function testDb(): PrismaClient {
  if (!client) {
    client = new PrismaClient({ adapter: new PrismaPg({ connectionString: inject("databaseUrl"), max: 2 }) });
    afterAll(async () => {
      await client?.$disconnect();
      client = undefined;
    });
  }
  return client;
}

/** Everything stored about a meeting, to assert that a refusal changed nothing. */
export async function snapshot(id: string) {
  const db = testDb();
  const [meeting, participants] = await Promise.all([
    db.meeting.findUnique({ where: { id } }),
    db.meetingParticipant.findMany({ where: { meetingId: id }, orderBy: { id: "asc" } }),
  ]);
  return { meeting, participants };
}

export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

export async function createMeeting(instructor: TestUser, students: TestUser[] = [], overrides: Record<string, unknown> = {}) {
  const res = await api("/api/meetings/", {
    token: instructor.token,
    body: {
      title: "Machine Learning Basics",
      scheduled_date: inDays(1),
      duration: 90,
      student_ids: students.map((s) => s.id),
      ...overrides,
    },
  });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.meeting as Record<string, any>;
}

export async function action(user: TestUser, id: string, name: "start" | "end" | "join" | "leave", expected = 200) {
  const res = await api(`/api/meetings/${id}/${name}/`, { method: "POST", token: user.token });
  if (res.status !== expected) throw new Error(`${name} gave ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/**
 * Simulate elapsed time: move a participant's latest join (and first join) `minutes` into the
 * past. Tests cannot wait minutes; the server measures attendance from stored timestamps, so
 * shifting them is the same as having waited.
 */
export async function backdateJoin(meetingId: string, studentId: string, minutes: number) {
  const db = testDb();
  const p = await db.meetingParticipant.findUniqueOrThrow({ where: { meetingId_studentId: { meetingId, studentId } } });
  const shift = (d: Date | null) => (d ? new Date(d.getTime() - minutes * 60_000) : d);
  const first = p.firstJoinedAt && p.joinedAt && p.firstJoinedAt.getTime() === p.joinedAt.getTime();
  return db.meetingParticipant.update({
    where: { id: p.id },
    data: { joinedAt: shift(p.joinedAt), ...(first ? { firstJoinedAt: shift(p.firstJoinedAt) } : {}) },
  });
}

export async function participantRow(meetingId: string, studentId: string) {
  return testDb().meetingParticipant.findUniqueOrThrow({ where: { meetingId_studentId: { meetingId, studentId } } });
}
