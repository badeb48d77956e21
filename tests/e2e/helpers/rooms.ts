// Rooms with realistic content for the browser tests: created through the API by their host,
// everyone else and their history written straight to the test database (the same PostgreSQL
// the server uses), so a room of ten with a long chat costs milliseconds, not a hundred sends.
import { api, type TestUser } from "./app";
import { testDb } from "../../helpers/meetings";

const LINES = [
  "Did everyone get the slides from Tuesday?",
  "Yes, they are in the course channel",
  "Can we go over exercise 3 again? I got a different matrix",
  "Sure, the trick is to transpose before multiplying",
  "Ahh that explains it, thanks!",
  "Who takes notes on the second part?",
  "I can do it",
  "The definition at 12:40 is the one for the exam, I think",
  "Let's pause at the proof and try it ourselves first",
  "Bonne idée, on reprend dans 5 minutes",
  "Back. The base case is n = 1, then induction on n",
  "Could someone share the link to the problem sheet?",
];

export interface SeededRoom {
  code: string;
  name: string;
}

/**
 * A room hosted by `host` with `others` in it (joined a little after one another), `messages`
 * chat lines spread over the last hour from everyone in turn, and `notes` time-coded notes.
 */
export async function seedRoom(
  host: TestUser,
  others: TestUser[],
  options: { name: string; messages?: number; notes?: string[] },
): Promise<SeededRoom> {
  const created = await api("/api/rooms", { token: host.token, body: { name: options.name } });
  if (created.status !== 201) throw new Error(`create room failed: ${created.status} ${JSON.stringify(created.body)}`);
  const code = created.body.room.room_id as string;
  const db = testDb();
  const start = Date.now() - 60 * 60_000;
  await db.roomParticipant.createMany({
    data: others.map((u, i) => ({ roomId: code, userId: u.id, joinedAt: new Date(start + (i + 1) * 1000) })),
  });
  const everyone = [host, ...others];
  const count = options.messages ?? 0;
  await db.roomMessage.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      roomId: code,
      authorId: everyone[i % everyone.length]!.id,
      content: LINES[i % LINES.length]!,
      createdAt: new Date(start + 60_000 + i * Math.floor((55 * 60_000) / Math.max(count, 1))),
    })),
  });
  await db.roomNote.createMany({
    data: (options.notes ?? []).map((content, i) => ({
      roomId: code,
      authorId: everyone[i % everyone.length]!.id,
      content,
      timecode: 30 + i * 95,
    })),
  });
  return { code, name: options.name };
}
