import "server-only";
import { db } from "@/lib/db/prisma";
import { slugify } from "@/lib/formats/filename";
import { errors } from "@/lib/http/errors";
import { emitToRoom } from "./events";
import { presentNote } from "./present";
import { formatTimecode } from "./timecode";
import { currentVideoPosition } from "./video";
import { requireOpenParticipant, requireParticipant } from "./access";

export async function listNotes(userId: string, code: string) {
  await requireParticipant(userId, code);
  const notes = await db().roomNote.findMany({
    where: { roomId: code },
    orderBy: [{ timecode: "asc" }, { createdAt: "asc" }],
    include: { author: true },
  });
  return notes.map(presentNote);
}

/** How many notes a room holds. No access check: for pages that already checked theirs (a meeting's owner). */
export async function countNotes(code: string): Promise<number> {
  return db().roomNote.count({ where: { roomId: code } });
}

/** `timecode` defaults to where the room's video is right now (0 without a video). */
export async function createNote(userId: string, input: { room_id: string; content: string; timecode?: number }) {
  const room = await requireOpenParticipant(userId, input.room_id);
  const row = await db().roomNote.create({
    data: {
      roomId: room.id,
      authorId: userId,
      content: input.content,
      timecode: Math.round((input.timecode ?? currentVideoPosition(room)) * 1000) / 1000,
      videoId: room.videoId,
    },
    include: { author: true },
  });
  const note = presentNote(row);
  emitToRoom(room.id, "note_created", { note });
  return note;
}

/** The author, or the room's host. */
export async function deleteNote(userId: string, noteId: string): Promise<void> {
  const note = await db().roomNote.findUnique({ where: { id: noteId }, include: { room: true } });
  if (!note) throw errors.notFound("Note");
  await requireParticipant(userId, note.roomId);
  if (note.authorId !== userId && note.room.hostId !== userId) throw errors.forbidden("Only the author or the host can delete this note");
  await db().roomNote.delete({ where: { id: noteId } });
  emitToRoom(note.roomId, "note_deleted", { room_id: note.roomId, id: noteId });
}

/** The notes as a Markdown document; each time links to the moment in the video. */
export async function notesMarkdown(userId: string, code: string): Promise<{ filename: string; body: string }> {
  const room = await requireParticipant(userId, code);
  const notes = await listNotes(userId, code);
  const lines = [
    `# ${room.name.replace(/[\r\n]+/g, " ")}`,
    "",
    `Notes from Mem2gether room \`${code}\`, exported ${new Date().toISOString()}.`,
    "",
  ];
  let video: string | null | undefined;
  for (const n of notes) {
    if (n.video_id !== video) {
      video = n.video_id;
      lines.push(video ? `## Video https://www.youtube.com/watch?v=${video}` : "## Without a video", "");
    }
    const time = formatTimecode(n.timecode);
    const stamp = n.video_id ? `[${time}](https://www.youtube.com/watch?v=${n.video_id}&t=${Math.floor(n.timecode)}s)` : time;
    const content = n.content.replace(/\r?\n/g, "\n  ");
    lines.push(`- **${stamp}** ${content} _(${n.author.name})_`);
  }
  if (!notes.length) lines.push("_No notes yet._");
  return { filename: `notes-${slugify(room.name, code)}.md`, body: lines.join("\n") + "\n" };
}
