import "server-only";
import type { Prisma } from "@prisma/client";
import { userSummary, userSummarySelect } from "@/lib/accounts/present";
import { db } from "@/lib/db/prisma";
import { publish } from "@/lib/events/bus";
import { errors } from "@/lib/http/errors";
import { limitAction } from "@/lib/rate-limit";
import type { QuestionJson } from "./class-schemas";
import { assertMaySend } from "./send-policy";
import { requireOpenParticipant, requireParticipant } from "./access";

const include = { author: { select: userSummarySelect }, votes: { select: { userId: true } } } satisfies Prisma.RoomQuestionInclude;
type QuestionRow = Prisma.RoomQuestionGetPayload<{ include: typeof include }>;

function present(q: QuestionRow, asHost: boolean): QuestionJson {
  return {
    id: q.id,
    room_id: q.roomId,
    author: q.anonymous && !asHost ? null : userSummary(q.author),
    anonymous: q.anonymous,
    content: q.content,
    votes: q.votes.length,
    voter_ids: q.votes.map((v) => v.userId),
    status: q.answeredAt ? "answered" : "open",
    created_at: q.createdAt.toISOString(),
  };
}

/** Open questions first, then by votes, then oldest first. */
async function rows(code: string): Promise<QuestionRow[]> {
  const all = await db().roomQuestion.findMany({ where: { roomId: code }, include, orderBy: { createdAt: "asc" }, take: 500 });
  return all.sort((a, b) => Number(!!a.answeredAt) - Number(!!b.answeredAt) || b.votes.length - a.votes.length);
}

async function announce(code: string): Promise<QuestionJson[]> {
  const room = await db().room.findUnique({ where: { id: code }, select: { hostId: true } });
  const list = await rows(code);
  const questions = list.map((q) => present(q, false));
  publish("rooms.questions_updated", {
    roomId: code,
    hostId: room?.hostId ?? null,
    questions,
    hostQuestions: list.map((q) => present(q, true)),
  });
  return questions;
}

/** As this participant sees them: the host sees every author. */
export async function listQuestions(userId: string, code: string): Promise<QuestionJson[]> {
  const room = await requireParticipant(userId, code);
  return (await rows(code)).map((q) => present(q, room.hostId === userId));
}

export async function askQuestion(userId: string, input: { room_id: string; content: string; anonymous?: boolean }): Promise<QuestionJson> {
  const room = await requireOpenParticipant(userId, input.room_id);
  await assertMaySend(userId, room.id);
  await limitAction("interaction", userId);
  const row = await db().roomQuestion.create({
    data: { roomId: room.id, authorId: userId, content: input.content, anonymous: input.anonymous ?? false },
    include,
  });
  await announce(room.id);
  // The author sees their own question as the host would: it is theirs.
  return present(row, true);
}

async function findQuestion(questionId: string) {
  const q = await db().roomQuestion.findUnique({ where: { id: questionId }, include: { room: { select: { hostId: true } } } });
  if (!q) throw errors.notFound("Question");
  return q;
}

/** Toggles the caller's upvote; answers whether it is now upvoted. */
export async function upvoteQuestion(userId: string, questionId: string): Promise<{ upvoted: boolean; questions: QuestionJson[] }> {
  const q = await findQuestion(questionId);
  await requireOpenParticipant(userId, q.roomId);
  await limitAction("interaction", userId);
  const removed = await db().roomQuestionVote.deleteMany({ where: { questionId, userId } });
  if (!removed.count) await db().roomQuestionVote.createMany({ data: [{ questionId, userId }], skipDuplicates: true });
  return { upvoted: !removed.count, questions: await announce(q.roomId) };
}

export async function answerQuestion(userId: string, questionId: string): Promise<QuestionJson[]> {
  const q = await findQuestion(questionId);
  await requireOpenParticipant(userId, q.roomId);
  if (q.room.hostId !== userId) throw errors.forbidden("Only the host can mark a question answered");
  await db().roomQuestion.updateMany({ where: { id: questionId, answeredAt: null }, data: { answeredAt: new Date() } });
  return announce(q.roomId);
}

export async function deleteQuestion(userId: string, questionId: string): Promise<QuestionJson[]> {
  const q = await findQuestion(questionId);
  await requireParticipant(userId, q.roomId);
  if (q.authorId !== userId && q.room.hostId !== userId) throw errors.forbidden("Only the author or the host can delete this question");
  await db().roomQuestion.deleteMany({ where: { id: questionId } });
  return announce(q.roomId);
}
