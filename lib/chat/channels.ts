import "server-only";
import type { Channel, ChannelMember, Role } from "@prisma/client";
import { userSummary, userSummarySelect } from "@/lib/accounts/present";
import { db, sql } from "@/lib/db/prisma";
import { isUniqueViolation } from "@/lib/db/errors";
import { errors } from "@/lib/http/errors";
import { decodeCursor, encodeCursor } from "@/lib/http/cursor";
import { emitToChannel, emitToUsers, unsubscribeUser } from "./events";
import { loadMessagesByIds } from "./history";
import { contactsJoined, presenceStore } from "./presence";
import { MEMBER_USER_SELECT, presentChannel, presentMember, type PresentableMessage } from "./present";
import type { ChannelJson, ChannelMemberJson } from "./schemas";
import { freeSlug, slugify } from "./text";
import { memberUnread, THREAD_SEQ_SQL, UNREAD_SQL } from "./unread";

export interface Access {
  channel: Channel;
  member: ChannelMember | null;
}

export async function findChannel(slug: string): Promise<Channel> {
  const channel = await db().channel.findUnique({ where: { slug } });
  if (!channel) throw errors.notFound("Channel");
  return channel;
}

const CHANNEL_COLUMNS = `c.id, c.slug, c.name, c.type::text AS type, c.description, c.owner_id AS "ownerId", c.created_at AS "createdAt",
  c.updated_at AS "updatedAt", c.last_seq AS "lastSeq", c.member_count AS "memberCount"`;

const ACCESS = `SELECT ${CHANNEL_COLUMNS}, m.joined_at AS m_joined_at, m.last_read_seq AS m_last_read_seq
  FROM channels c LEFT JOIN channel_members m ON m.channel_id = c.id AND m.user_id = $2
  WHERE c.slug = $1`;

/** The channel and the caller's membership, in one statement (every chat request starts here). */
async function access(userId: string, slug: string): Promise<Access> {
  const [row] = await sql<Channel & { m_joined_at: Date | null; m_last_read_seq: number | null }>(ACCESS, [slug, userId]);
  if (!row) throw errors.notFound("Channel");
  const { m_joined_at, m_last_read_seq, ...channel } = row;
  const member: ChannelMember | null = m_joined_at
    ? { channelId: channel.id, userId, joinedAt: m_joined_at, lastReadSeq: Number(m_last_read_seq) }
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
  if (!a.member)
    throw errors.forbidden(a.channel.type === "public" ? "Join this channel first" : "Only members of this channel can do this");
  return a as Access & { member: ChannelMember };
}

// Starts at the channel's last seq: a new member has nothing unread, whatever came before.
// The member count moves in the same statement as the membership (the channel list never counts).
const ADD_MEMBER = `WITH added AS (
    INSERT INTO channel_members (channel_id, user_id, joined_at, last_read_seq)
    SELECT c.id, $2, $3::timestamp(3), c.last_seq FROM channels c WHERE c.id = $1
    ON CONFLICT DO NOTHING RETURNING channel_id, user_id, joined_at, last_read_seq
  ), counted AS (
    UPDATE channels SET member_count = member_count + 1 WHERE id = $1 AND EXISTS (SELECT 1 FROM added)
  )
  SELECT channel_id AS "channelId", user_id AS "userId", joined_at AS "joinedAt", last_read_seq AS "lastReadSeq", true AS added FROM added
  UNION ALL
  SELECT channel_id, user_id, joined_at, last_read_seq, false FROM channel_members WHERE channel_id = $1 AND user_id = $2`;

/** Makes the user a member (once: joining again changes nothing); the channel's open sockets hear of a new one. */
async function addMember(channelId: string, userId: string): Promise<ChannelMember> {
  const rows = await sql<ChannelMember & { added: boolean }>(ADD_MEMBER, [channelId, userId, new Date().toISOString()]);
  const row = rows.find((r) => r.added) ?? rows[0];
  if (!row) throw errors.notFound("Channel");
  const { added, ...member } = row;
  if (added) {
    await announceMember(channelId, member);
    // Awaited (it never throws): once the join is answered, presence is settled. In the
    // background it could run after the joiner's next tab connected, and contacts who heard that
    // tab's "online" would hear it a second time.
    await contactsJoined([userId], channelId);
  }
  return member;
}

/** `member_joined {channel, member}` to the sockets that have the channel open. */
async function announceMember(channelId: string, member: ChannelMember): Promise<void> {
  const [channel, user] = await Promise.all([
    db().channel.findUnique({ where: { id: channelId }, select: { slug: true, ownerId: true } }),
    db().user.findUnique({ where: { id: member.userId }, select: MEMBER_USER_SELECT }),
  ]);
  if (!channel || !user) return;
  const online = await presenceStore().onlineAmong([member.userId]);
  emitToChannel(channelId, "member_joined", {
    channel: channel.slug,
    member: presentMember({ user, joinedAt: member.joinedAt }, channel.ownerId, online.has(member.userId)),
  });
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
    for (const u of users)
      if (u.role !== "student") problems.push(`${u.username} is not a student: course channels are for the course's students`);
  }
  if (problems.length) throw errors.validation({ [field]: problems }, "Some of these users cannot be added");
  return unique;
}

const LAST_MESSAGES = (column: "channel_id" | "conversation_id") => `SELECT l.id FROM unnest($1::text[]) AS t(target)
  CROSS JOIN LATERAL (SELECT m.id FROM messages m WHERE m.${column} = t.target ${column === "channel_id" ? "AND m.thread_id IS NULL" : ""}
    ORDER BY m.seq DESC LIMIT 1) l`;
const LAST_IN_CHANNELS = LAST_MESSAGES("channel_id");
const LAST_IN_CONVERSATIONS = LAST_MESSAGES("conversation_id");

/** The newest message of each channel (or conversation): one index probe each, then one load. */
export async function lastMessages(column: "channel_id" | "conversation_id", ids: string[]): Promise<Map<string, PresentableMessage>> {
  if (!ids.length) return new Map();
  const latest = await sql<{ id: string }>(column === "channel_id" ? LAST_IN_CHANNELS : LAST_IN_CONVERSATIONS, [ids]);
  const rows = await loadMessagesByIds(latest.map((r) => r.id));
  return new Map(rows.map((r) => [(column === "channel_id" ? r.channelId : r.conversationId)!, r]));
}

export async function channelJson(channel: Channel, member: ChannelMember | null): Promise<ChannelJson> {
  const [unread, last] = await Promise.all([
    member ? memberUnread(channel.id, member.userId) : Promise.resolve({ unread_count: 0, last_seq: channel.lastSeq, thread_seq: 0 }),
    lastMessages("channel_id", [channel.id]),
  ]);
  return presentChannel(
    { ...channel, lastSeq: unread.last_seq },
    {
      memberCount: channel.memberCount,
      unreadCount: unread.unread_count,
      threadSeq: unread.thread_seq,
      lastMessage: last.get(channel.id) ?? null,
      isMember: !!member,
    },
  );
}

/** Members on one page, by join order; the list of a 300-student course is never loaded whole. */
export const MEMBERS_PAGE = 50;

const MEMBERS = (after: boolean) => `SELECT cm.user_id, cm.joined_at, u.id, u.username, u.name, u.role::text AS role,
    u.avatar_upload_id AS "avatarUploadId", u.last_seen_at AS "lastSeenAt"
  FROM channel_members cm JOIN users u ON u.id = cm.user_id
  WHERE cm.channel_id = $1 ${after ? "AND (cm.joined_at, cm.user_id) > ($3::timestamp(3), $4)" : ""}
  ORDER BY cm.joined_at, cm.user_id LIMIT $2`;
const MEMBERS_FIRST = MEMBERS(false);
const MEMBERS_AFTER = MEMBERS(true);

export async function listMembers(
  channel: Channel,
  page: { after?: string; limit?: number } = {},
): Promise<{ members: ChannelMemberJson[]; next_cursor: string | null }> {
  const limit = page.limit ?? MEMBERS_PAGE;
  const from = page.after ? decodeCursor(page.after, "after") : null;
  const rows = await sql<{
    user_id: string;
    joined_at: Date;
    id: string;
    username: string;
    name: string;
    role: Role;
    avatarUploadId: string | null;
    lastSeenAt: Date | null;
  }>(from ? MEMBERS_AFTER : MEMBERS_FIRST, from ? [channel.id, limit + 1, from.createdAt.toISOString(), from.id] : [channel.id, limit + 1]);
  const more = rows.length > limit;
  const shown = rows.slice(0, limit);
  const online = await presenceStore().onlineAmong(shown.map((m) => m.user_id));
  return {
    members: shown.map((m) => presentMember({ user: m, joinedAt: m.joined_at }, channel.ownerId, online.has(m.user_id))),
    next_cursor: more ? encodeCursor({ createdAt: shown.at(-1)!.joined_at, id: shown.at(-1)!.user_id }) : null,
  };
}

/** GET /api/channels/:slug/members: anyone who may read the channel. */
export async function channelMembers(userId: string, slug: string, page: { after?: string; limit?: number }) {
  const { channel } = await requireRead(userId, slug);
  return listMembers(channel, page);
}

// Mine and every public one, with my unread count and the newest message's id: one statement,
// however many channels and members exist.
const LIST = `SELECT ${CHANNEL_COLUMNS}, (cm.user_id IS NOT NULL) AS is_member,
    CASE WHEN cm.user_id IS NULL THEN 0 ELSE ${UNREAD_SQL} END AS unread,
    CASE WHEN cm.user_id IS NULL THEN 0 ELSE ${THREAD_SEQ_SQL} END AS thread_seq,
    (SELECT m.id FROM messages m WHERE m.channel_id = c.id AND m.thread_id IS NULL ORDER BY m.seq DESC LIMIT 1) AS last_id
  FROM channels c LEFT JOIN channel_members cm ON cm.channel_id = c.id AND cm.user_id = $1
  WHERE c.type = 'public' OR cm.user_id IS NOT NULL`;

/** My channels and every public one, most recently active first. */
export async function listChannels(userId: string): Promise<ChannelJson[]> {
  const channels = await sql<Channel & { is_member: boolean; unread: number; thread_seq: number; last_id: string | null }>(LIST, [userId]);
  const last = new Map((await loadMessagesByIds(channels.flatMap((c) => (c.last_id ? [c.last_id] : [])))).map((m) => [m.id, m]));
  const lastOf = (c: { last_id: string | null }) => (c.last_id ? (last.get(c.last_id) ?? null) : null);
  const activity = (c: Channel & { last_id: string | null }) => (lastOf(c)?.createdAt ?? c.createdAt).getTime();
  return channels
    .sort((a, b) => activity(b) - activity(a))
    .map((c) =>
      presentChannel(c, {
        memberCount: Number(c.memberCount),
        unreadCount: Number(c.unread),
        threadSeq: Number(c.thread_seq),
        lastMessage: lastOf(c),
        isMember: c.is_member,
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
  const others = await checkNewMembers(
    (input.member_ids ?? []).filter((id) => id !== user.id),
    input.type,
    "member_ids",
  );
  const base = slugify(input.name);
  const now = Date.now();
  for (let attempt = 0; attempt < 5; attempt++) {
    const taken = await db().channel.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } });
    const slug = freeSlug(
      base,
      taken.map((t) => t.slug),
    );
    try {
      const channel = await db().channel.create({
        data: {
          slug,
          name: input.name,
          type: input.type,
          description: input.description ?? "",
          ownerId: user.id,
          memberCount: others.length + 1,
          // Joined in the order given (owner first), a millisecond apart: hand-off and member
          // lists follow joinedAt, and equal stamps would leave the order to chance.
          members: { create: [user.id, ...others].map((userId, i) => ({ userId, joinedAt: new Date(now + i) })) },
        },
      });
      await notifyAdded(channel, others, user);
      await contactsJoined([user.id, ...others], channel.id);
      return presentChannel(channel, { memberCount: others.length + 1, unreadCount: 0, threadSeq: 0, lastMessage: null, isMember: true });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  throw errors.conflict("Could not find a free address for this channel name; try another name");
}

/** The channel with the first page of its members (`members_next_cursor` pages on). */
export async function channelDetail(userId: string, slug: string) {
  const { channel, member } = await requireRead(userId, slug);
  const [json, members] = await Promise.all([channelJson(channel, member), listMembers(channel)]);
  return { channel: json, members: members.members, members_next_cursor: members.next_cursor };
}

/** Public channels: anyone joins. Others: members only (joining again changes nothing). */
export async function joinChannel(userId: string, slug: string): Promise<Access & { member: ChannelMember }> {
  const a = await access(userId, slug);
  if (a.member) return a as Access & { member: ChannelMember };
  if (a.channel.type !== "public") throw errors.forbidden("This channel is invite-only: its owner adds members");
  const member = await addMember(a.channel.id, userId);
  return { channel: { ...a.channel, memberCount: a.channel.memberCount + 1 }, member };
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

const REMOVE_MEMBERSHIPS = `WITH gone AS (DELETE FROM channel_members WHERE user_id = $1 AND channel_id = ANY($2::text[]) RETURNING channel_id)
  UPDATE channels c SET member_count = GREATEST(c.member_count - 1, 0) FROM gone WHERE c.id = gone.channel_id`;

/** Leaving ends the membership and the live events. An owner hands the channel on; a course's instructor cannot leave it. */
export async function leaveChannel(userId: string, slug: string): Promise<void> {
  const { channel } = await requireMember(userId, slug);
  if (channel.ownerId === userId) {
    if (channel.type === "course") throw errors.conflict("The instructor of a course channel cannot leave it");
    await handOff(channel, userId);
  }
  await sql(REMOVE_MEMBERSHIPS, [userId, [channel.id]]);
  unsubscribeUser(userId, channel.id);
  emitToChannel(channel.id, "member_left", { channel: channel.slug, user_id: userId });
}

/** The owner (a course channel's instructor) adds members; course channels take students only. */
export async function addMembers(
  user: { id: string; username: string; name: string; role: Role },
  slug: string,
  userIds: string[],
): Promise<{ channel: ChannelJson; members: ChannelMemberJson[]; members_next_cursor: string | null }> {
  const { channel, member } = await requireRead(user.id, slug);
  if (channel.ownerId !== user.id) {
    throw errors.forbidden(
      channel.type === "course" ? "Only the course's instructor can add members" : "Only the channel's owner can add members",
    );
  }
  const ids = await checkNewMembers(userIds, channel.type, "user_ids");
  const existing = await db().channelMember.findMany({ where: { channelId: channel.id, userId: { in: ids } }, select: { userId: true } });
  const known = new Set(existing.map((e) => e.userId));
  const added = ids.filter((id) => !known.has(id));
  for (const id of added) await addMember(channel.id, id);
  await notifyAdded(channel, added, user);
  // Read again: the member count moved with the additions.
  const fresh = await access(user.id, slug);
  const [json, members] = await Promise.all([channelJson(fresh.channel, member), listMembers(fresh.channel)]);
  return { channel: json, members: members.members, members_next_cursor: members.next_cursor };
}

/**
 * An account is being deleted (lib/app/delete-account.ts): its channels pass to their
 * longest-present member (course channels: to nobody), and its memberships end.
 */
export async function leaveChannelsOf(userId: string): Promise<void> {
  const owned = await db().channel.findMany({ where: { ownerId: userId } });
  for (const channel of owned) await handOff(channel, userId);
  // Before the account's row goes (its cascade would leave the member counts behind).
  const memberships = await db().channelMember.findMany({ where: { userId }, select: { channelId: true } });
  await sql(REMOVE_MEMBERSHIPS, [userId, memberships.map((m) => m.channelId)]);
}

/** Of these channels, the ones the user may still read (a recovered socket's subscriptions are re-checked). */
export async function readableChannelIds(userId: string, channelIds: string[]): Promise<Set<string>> {
  if (!channelIds.length) return new Set();
  const rows = await db().channel.findMany({
    where: { id: { in: channelIds }, OR: [{ type: "public" }, { members: { some: { userId } } }] },
    select: { id: true },
  });
  return new Set(rows.map((r) => r.id));
}
