import "server-only";
import { Prisma, type Channel, type ChannelMember, type Role } from "@prisma/client";
import { userSummary, userSummarySelect } from "@/lib/accounts/present";
import { onAccountDeleted } from "@/lib/accounts/service";
import { db, sql } from "@/lib/db/prisma";
import { errors } from "@/lib/http/errors";
import { emitToUsers, unsubscribeUser } from "./events";
import { contactsJoined, presenceStore } from "./presence";
import { MEMBER_USER_SELECT, MESSAGE_INCLUDE, presentChannel, presentMember, type MessageRow } from "./present";
import type { ChannelJson, ChannelMemberJson } from "./schemas";
import { freeSlug, slugify } from "./text";

export interface Access {
  channel: Channel;
  member: ChannelMember | null;
}

export async function findChannel(slug: string): Promise<Channel> {
  const channel = await db().channel.findUnique({ where: { slug } });
  if (!channel) throw errors.notFound("Channel");
  return channel;
}

/** The channel and the caller's membership, in one statement (every chat request starts here). */
async function access(userId: string, slug: string): Promise<Access> {
  const [row] = await sql<Channel & { m_joined_at: Date | null; m_last_read_at: Date; m_last_read_message_id: string | null; m_unread_count: number }>(
    `SELECT c.id, c.slug, c.name, c.type::text AS type, c.description, c.owner_id AS "ownerId", c.created_at AS "createdAt",
       c.updated_at AS "updatedAt", m.joined_at AS m_joined_at, m.last_read_at AS m_last_read_at,
       m.last_read_message_id AS m_last_read_message_id, m.unread_count AS m_unread_count
     FROM channels c LEFT JOIN channel_members m ON m.channel_id = c.id AND m.user_id = $2
     WHERE c.slug = $1`,
    [slug, userId],
  );
  if (!row) throw errors.notFound("Channel");
  const { m_joined_at, m_last_read_at, m_last_read_message_id, m_unread_count, ...channel } = row;
  const member: ChannelMember | null = m_joined_at
    ? { channelId: channel.id, userId, joinedAt: m_joined_at, lastReadAt: m_last_read_at, lastReadMessageId: m_last_read_message_id, unreadCount: m_unread_count }
    : null;
  return { channel, member };
}

/** Public channels are open to every signed-in user; the others to their members only. */
export function canRead({ channel, member }: Access): boolean {
  return channel.type === "public" || !!member;
}

export async function requireRead(userId: string, slug: string): Promise<Access> {
  const a = await access(userId, slug);
  if (!canRead(a)) throw errors.forbidden("Only members of this channel can see it");
  return a;
}

export async function requireMember(userId: string, slug: string): Promise<Access & { member: ChannelMember }> {
  const a = await access(userId, slug);
  if (!a.member) throw errors.forbidden(a.channel.type === "public" ? "Join this channel first" : "Only members of this channel can do this");
  return a as Access & { member: ChannelMember };
}

/** A new member starts with nothing unread: the history before joining counts as read. */
async function addMember(channelId: string, userId: string): Promise<ChannelMember> {
  const where = { channelId_userId: { channelId, userId } };
  try {
    const member = await db().channelMember.upsert({ where, create: { channelId, userId }, update: {} });
    void contactsJoined([userId], channelId);
    return member;
  } catch (err) {
    if ((err as { code?: string }).code !== "P2002") throw err;
    return db().channelMember.findUniqueOrThrow({ where });
  }
}

/**
 * Writing (sending, reacting) needs membership. In a public channel the first write makes the
 * writer a member, as opening it does; elsewhere non-members are refused.
 */
export async function requireWrite(userId: string, slug: string): Promise<Access & { member: ChannelMember }> {
  const a = await access(userId, slug);
  if (a.member) return a as Access & { member: ChannelMember };
  if (a.channel.type !== "public") throw errors.forbidden("Only members of this channel can write in it");
  return { channel: a.channel, member: await addMember(a.channel.id, userId) };
}

/** Ids of existing users among `ids`; unknown ones (and, for course channels, non-students) refused. */
async function checkNewMembers(ids: string[], channelType: Channel["type"], field: string): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const users = await db().user.findMany({ where: { id: { in: unique } }, select: { id: true, username: true, role: true } });
  const found = new Map(users.map((u) => [u.id, u]));
  const problems = unique.filter((id) => !found.has(id)).map((id) => `No user with id ${id}`);
  if (channelType === "course") {
    for (const u of users) if (u.role !== "student") problems.push(`${u.username} is not a student: course channels are for the course's students`);
  }
  if (problems.length) throw errors.validation({ [field]: problems }, "Some of these users cannot be added");
  return unique;
}

async function memberCount(channelId: string): Promise<number> {
  return db().channelMember.count({ where: { channelId } });
}

/** The newest message of each channel (or conversation), one index probe each. */
export async function lastMessages(column: "channel_id" | "conversation_id", ids: string[]): Promise<Map<string, MessageRow>> {
  if (!ids.length) return new Map();
  const col = Prisma.raw(column);
  const latest = await db().$queryRaw<{ id: string }[]>`
    SELECT l.id FROM unnest(ARRAY[${Prisma.join(ids)}]::text[]) AS t(target)
    CROSS JOIN LATERAL (
      SELECT m.id FROM messages m WHERE m.${col} = t.target ORDER BY m.created_at DESC, m.id DESC LIMIT 1
    ) l`;
  const rows = await db().message.findMany({ where: { id: { in: latest.map((r) => r.id) } }, include: MESSAGE_INCLUDE });
  return new Map(rows.map((r) => [(column === "channel_id" ? r.channelId : r.conversationId)!, r]));
}

export async function channelJson(channel: Channel, member: ChannelMember | null): Promise<ChannelJson> {
  const [count, last] = await Promise.all([memberCount(channel.id), lastMessages("channel_id", [channel.id])]);
  return presentChannel(channel, {
    memberCount: count,
    unreadCount: member?.unreadCount ?? 0,
    lastMessage: last.get(channel.id) ?? null,
    isMember: !!member,
  });
}

export async function listMembers(channel: Channel): Promise<ChannelMemberJson[]> {
  const members = await db().channelMember.findMany({
    where: { channelId: channel.id },
    include: { user: { select: MEMBER_USER_SELECT } },
    orderBy: [{ joinedAt: "asc" }, { userId: "asc" }],
  });
  const online = await presenceStore().onlineAmong(members.map((m) => m.userId));
  return members.map((m) => presentMember(m, channel.ownerId, online.has(m.userId)));
}

/** My channels and every public one, most recently active first. */
export async function listChannels(userId: string): Promise<ChannelJson[]> {
  const channels = await db().channel.findMany({
    where: { OR: [{ type: "public" }, { members: { some: { userId } } }] },
    include: { _count: { select: { members: true } }, members: { where: { userId } } },
  });
  const last = await lastMessages("channel_id", channels.map((c) => c.id));
  const activity = (c: Channel) => (last.get(c.id)?.createdAt ?? c.createdAt).getTime();
  return channels
    .sort((a, b) => activity(b) - activity(a))
    .map((c) =>
      presentChannel(c, {
        memberCount: c._count.members,
        unreadCount: c.members[0]?.unreadCount ?? 0,
        lastMessage: last.get(c.id) ?? null,
        isMember: c.members.length > 0,
      }),
    );
}

async function notifyAdded(channel: Channel, userIds: string[], by: { id: string }) {
  if (!userIds.length) return;
  // The summary from the row (with the current avatar), not from the request's signed-in user.
  const from = await db().user.findUnique({ where: { id: by.id }, select: userSummarySelect });
  emitToUsers(userIds, "notification", {
    kind: "added_to_channel",
    channel: { slug: channel.slug, name: channel.name, type: channel.type },
    from: userSummary(from),
    at: new Date().toISOString(),
  });
}

/**
 * The creator owns the channel and is its first member. Course channels are created by
 * instructors only and take students only. The slug comes from the name, with -2, -3... when taken.
 */
export async function createChannel(
  user: { id: string; username: string; name: string; role: Role },
  input: { name: string; type: Channel["type"]; description?: string; member_ids?: string[] },
): Promise<ChannelJson> {
  if (input.type === "course" && user.role !== "instructor") throw errors.forbidden("Only instructors can create course channels");
  const others = await checkNewMembers((input.member_ids ?? []).filter((id) => id !== user.id), input.type, "member_ids");
  const base = slugify(input.name);
  const now = Date.now();
  for (let attempt = 0; attempt < 5; attempt++) {
    const taken = await db().channel.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } });
    const slug = freeSlug(base, taken.map((t) => t.slug));
    try {
      const channel = await db().channel.create({
        data: {
          slug,
          name: input.name,
          type: input.type,
          description: input.description ?? "",
          ownerId: user.id,
          // Joined in the order given (owner first), a millisecond apart: hand-off and member
          // lists follow joinedAt, and equal stamps would leave the order to chance.
          members: { create: [user.id, ...others].map((userId, i) => ({ userId, joinedAt: new Date(now + i), lastReadAt: new Date(now) })) },
        },
      });
      await notifyAdded(channel, others, user);
      void contactsJoined([user.id, ...others], channel.id);
      return presentChannel(channel, { memberCount: others.length + 1, unreadCount: 0, lastMessage: null, isMember: true });
    } catch (err) {
      if ((err as { code?: string }).code !== "P2002") throw err;
    }
  }
  throw errors.conflict("Could not find a free address for this channel name; try another name");
}

export async function channelDetail(userId: string, slug: string) {
  const { channel, member } = await requireRead(userId, slug);
  const [json, members] = await Promise.all([channelJson(channel, member), listMembers(channel)]);
  return { channel: json, members };
}

/** Public channels: anyone joins. Others: members only (joining again changes nothing). */
export async function joinChannel(userId: string, slug: string): Promise<Access & { member: ChannelMember }> {
  const a = await access(userId, slug);
  if (a.member) return a as Access & { member: ChannelMember };
  if (a.channel.type !== "public") throw errors.forbidden("This channel is invite-only: its owner adds members");
  return { channel: a.channel, member: await addMember(a.channel.id, userId) };
}

/**
 * The next owner: the longest-present member. A course channel's owner must be an instructor,
 * and its members are students, so it is left without one.
 */
async function handOff(channel: Channel, leavingUserId: string): Promise<void> {
  const next =
    channel.type === "course"
      ? null
      : await db().channelMember.findFirst({
          where: { channelId: channel.id, userId: { not: leavingUserId } },
          orderBy: [{ joinedAt: "asc" }, { userId: "asc" }],
        });
  await db().channel.update({ where: { id: channel.id }, data: { ownerId: next?.userId ?? null } });
}

/** Leaving ends the membership and the live events. An owner hands the channel on; a course's instructor cannot leave it. */
export async function leaveChannel(userId: string, slug: string): Promise<void> {
  const { channel } = await requireMember(userId, slug);
  if (channel.ownerId === userId) {
    if (channel.type === "course") throw errors.conflict("The instructor of a course channel cannot leave it");
    await handOff(channel, userId);
  }
  await db().channelMember.deleteMany({ where: { channelId: channel.id, userId } });
  unsubscribeUser(userId, channel.id);
}

/** The owner (a course channel's instructor) adds members; course channels take students only. */
export async function addMembers(
  user: { id: string; username: string; name: string; role: Role },
  slug: string,
  userIds: string[],
): Promise<{ channel: ChannelJson; members: ChannelMemberJson[] }> {
  const { channel, member } = await requireRead(user.id, slug);
  if (channel.ownerId !== user.id) {
    throw errors.forbidden(channel.type === "course" ? "Only the course's instructor can add members" : "Only the channel's owner can add members");
  }
  const ids = await checkNewMembers(userIds, channel.type, "user_ids");
  const existing = await db().channelMember.findMany({ where: { channelId: channel.id, userId: { in: ids } }, select: { userId: true } });
  const known = new Set(existing.map((e) => e.userId));
  const added = ids.filter((id) => !known.has(id));
  for (const id of added) await addMember(channel.id, id);
  await notifyAdded(channel, added, user);
  const [json, members] = await Promise.all([channelJson(channel, member), listMembers(channel)]);
  return { channel: json, members };
}

// A deleted owner's channels pass to their longest-present member (course channels: to nobody).
onAccountDeleted("chat", async (userId) => {
  const owned = await db().channel.findMany({ where: { ownerId: userId } });
  for (const channel of owned) await handOff(channel, userId);
});

/** Of these channels, the ones the user may still read (a recovered socket's subscriptions are re-checked). */
export async function readableChannelIds(userId: string, channelIds: string[]): Promise<Set<string>> {
  if (!channelIds.length) return new Set();
  const rows = await db().channel.findMany({
    where: { id: { in: channelIds }, OR: [{ type: "public" }, { members: { some: { userId } } }] },
    select: { id: true },
  });
  return new Set(rows.map((r) => r.id));
}
