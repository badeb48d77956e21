import "server-only";
import type { Prisma } from "@prisma/client";
import { userSummary, userSummarySelect } from "@/lib/accounts/present";
import { db } from "@/lib/db/prisma";
import { publish } from "@/lib/events/bus";
import { errors } from "@/lib/http/errors";
import { limitAction } from "@/lib/rate-limit";
import type { PollJson } from "./class-schemas";
import { requireOpenParticipant, requireParticipant } from "./access";

const pollInclude = {
  options: { orderBy: { position: "asc" }, include: { votes: { include: { user: { select: userSummarySelect } } } } },
} satisfies Prisma.RoomPollInclude;
type PollRow = Prisma.RoomPollGetPayload<{ include: typeof pollInclude }>;

/** One viewer's shape: `asHost` adds the voters' names (never on an anonymous poll); `viewerId` adds my_vote. */
function presentPoll(row: PollRow, view: { asHost?: boolean; viewerId?: string } = {}): PollJson {
  const voters = new Set(row.options.flatMap((o) => o.votes.map((v) => v.userId)));
  const mine = view.viewerId ? row.options.filter((o) => o.votes.some((v) => v.userId === view.viewerId)).map((o) => o.id) : [];
  return {
    id: row.id,
    room_id: row.roomId,
    question: row.question,
    options: row.options.map((o) => ({
      id: o.id,
      text: o.text,
      votes: o.votes.length,
      ...(view.asHost && !row.anonymous ? { voters: o.votes.map((v) => userSummary(v.user)) } : {}),
    })),
    multiple: row.multiple,
    anonymous: row.anonymous,
    status: row.closedAt ? "closed" : "open",
    total_voters: voters.size,
    ...(mine.length ? { my_vote: mine } : {}),
    created_at: row.createdAt.toISOString(),
  };
}

async function loadPoll(pollId: string): Promise<PollRow & { room: { hostId: string | null; isOpen: boolean } }> {
  const row = await db().roomPoll.findUnique({
    where: { id: pollId },
    include: { ...pollInclude, room: { select: { hostId: true, isOpen: true } } },
  });
  if (!row) throw errors.notFound("Poll");
  return row;
}

function announce(row: PollRow, hostId: string | null, voterId?: string): void {
  publish("rooms.poll_updated", {
    roomId: row.roomId,
    hostId,
    poll: presentPoll(row),
    hostPoll: presentPoll(row, { asHost: true, viewerId: hostId ?? undefined }),
    ...(voterId && voterId !== hostId ? { voter: { userId: voterId, poll: presentPoll(row, { viewerId: voterId }) } } : {}),
  });
}

/** Polls are the room host's (CONTRACT.md 9), whatever the room's controls. */
export async function createPoll(
  userId: string,
  input: { room_id: string; question: string; options: string[]; multiple?: boolean; anonymous?: boolean },
): Promise<PollJson> {
  const room = await requireOpenParticipant(userId, input.room_id);
  if (room.hostId !== userId) throw errors.forbidden("Only the host can open a poll");
  await limitAction("interaction", userId);
  const row = await db().roomPoll.create({
    data: {
      roomId: room.id,
      createdById: userId,
      question: input.question,
      multiple: input.multiple ?? false,
      anonymous: input.anonymous ?? false,
      options: { create: input.options.map((text, position) => ({ text, position })) },
    },
    include: pollInclude,
  });
  announce(row, room.hostId);
  return presentPoll(row, { asHost: true, viewerId: userId });
}

/** A participant's vote; voting again replaces the previous one as a whole. */
export async function vote(userId: string, pollId: string, optionIds: string[]): Promise<PollJson> {
  const poll = await loadPoll(pollId);
  await requireOpenParticipant(userId, poll.roomId);
  if (poll.closedAt) throw errors.conflict("This poll is closed");
  const chosen = [...new Set(optionIds)];
  const known = new Set(poll.options.map((o) => o.id));
  if (chosen.some((id) => !known.has(id))) throw errors.validation({ option_ids: ["Unknown option for this poll"] });
  if (!poll.multiple && chosen.length > 1) throw errors.validation({ option_ids: ["This poll takes one option"] });
  await limitAction("interaction", userId);
  await db().$transaction([
    db().roomPollVote.deleteMany({ where: { pollId, userId } }),
    db().roomPollVote.createMany({ data: chosen.map((optionId) => ({ pollId, optionId, userId })) }),
  ]);
  const row = await loadPoll(pollId);
  announce(row, row.room.hostId, userId);
  return presentPoll(row, { asHost: row.room.hostId === userId, viewerId: userId });
}

export async function closePoll(userId: string, pollId: string): Promise<PollJson> {
  const poll = await loadPoll(pollId);
  await requireParticipant(userId, poll.roomId);
  if (poll.room.hostId !== userId) throw errors.forbidden("Only the host can close a poll");
  if (!poll.closedAt) await db().roomPoll.updateMany({ where: { id: pollId, closedAt: null }, data: { closedAt: new Date() } });
  const row = await loadPoll(pollId);
  if (!poll.closedAt) announce(row, row.room.hostId);
  return presentPoll(row, { asHost: true, viewerId: userId });
}

/** The room's polls, oldest first, as this participant sees them (the join ack, GET .../polls). */
export async function listPolls(userId: string, code: string): Promise<PollJson[]> {
  const room = await requireParticipant(userId, code);
  const rows = await db().roomPoll.findMany({ where: { roomId: code }, orderBy: { createdAt: "asc" }, include: pollInclude, take: 200 });
  return rows.map((r) => presentPoll(r, { asHost: room.hostId === userId, viewerId: userId }));
}

const csvCell = (value: string | number) => {
  const s = String(value);
  // Quote always; a leading = + - @ would be a formula in a spreadsheet.
  return `"${(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

/** The results as CSV for the host: one line per option, and per voter when not anonymous. */
export async function pollResults(userId: string, pollId: string): Promise<{ filename: string; body: string; poll: PollJson }> {
  const row = await loadPoll(pollId);
  await requireParticipant(userId, row.roomId);
  if (row.room.hostId !== userId) throw errors.forbidden("Only the host can export a poll's results");
  const poll = presentPoll(row, { asHost: true });
  const lines = [["option", "votes", "share", ...(row.anonymous ? [] : ["voters"])].map(csvCell).join(",")];
  for (const o of poll.options) {
    const share = poll.total_voters ? Math.round((o.votes / poll.total_voters) * 1000) / 10 : 0;
    const cells: (string | number)[] = [o.text, o.votes, `${share}%`];
    if (!row.anonymous) cells.push((o.voters ?? []).map((v) => v.name).join("; "));
    lines.push(cells.map(csvCell).join(","));
  }
  return { filename: `poll-${row.id}.csv`, body: lines.join("\r\n") + "\r\n", poll };
}
