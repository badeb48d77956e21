import "server-only";
import type { NodeSocketSets } from "@/lib/redis/node-sets";
import { logger } from "@/lib/log/logger";
import { MemoryPresenceStore, type PresenceStore } from "./presence";

// Keys (under the deployment's prefix):
//   presence:<user>             set of "<node>|<socket>": the user's sockets on every node
//   presence-leaving            sorted set user -> when its grace ends (Redis clock, ms)
//   presence-nodes              set of the nodes that hold sockets
//   presence-node-users:<node>  set of the users a node holds sockets of (how a dead node's users are found)
// Every script first drops the members of nodes whose heartbeat expired (lib/realtime/node-sets.ts).

const DROP_DEAD = `
local function dropDead(key, hbPrefix)
  local dropped = false
  for _, m in ipairs(redis.call('SMEMBERS', key)) do
    local node = string.match(m, '^([^|]+)|')
    if node and redis.call('EXISTS', hbPrefix .. node) == 0 then
      redis.call('SREM', key, m)
      dropped = true
    end
  end
  return dropped
end
local function nowMs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
`;

/** Returns 1 when contacts must hear "online": the set was empty, the user not in its grace, and no dead node held it. */
const CONNECT = `${DROP_DEAD}
local key, leaving, nodeUsers, nodes = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local hbPrefix, member, user, node = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local droppedDead = dropDead(key, hbPrefix)
local before = redis.call('SCARD', key)
redis.call('SADD', key, member)
redis.call('SADD', nodeUsers, user)
redis.call('SADD', nodes, node)
local inGrace = redis.call('ZREM', leaving, user) == 1
if before == 0 and not inGrace and not droppedDead then return 1 end
return 0
`;

/** The user's last socket anywhere starts the grace. */
const DISCONNECT = `${DROP_DEAD}
local key, leaving, nodeUsers = KEYS[1], KEYS[2], KEYS[3]
local hbPrefix, member, user, node, grace = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5])
dropDead(key, hbPrefix)
redis.call('SREM', KEYS[4], member)
local removed = redis.call('SREM', key, member)
local mine = false
for _, m in ipairs(redis.call('SMEMBERS', key)) do
  if string.sub(m, 1, string.len(node) + 1) == node .. '|' then mine = true end
end
if not mine then redis.call('SREM', nodeUsers, user) end
if redis.call('SCARD', key) == 0 then
  redis.call('DEL', key)
  if removed == 1 then redis.call('ZADD', leaving, nowMs() + grace, user) end
end
return removed
`;

/** Whether every socket of the user is idle. */
const IDLE_FN = `
local function allIdle(key, idleKey)
  local members = redis.call('SMEMBERS', key)
  if #members == 0 then return false end
  for _, m in ipairs(members) do
    if redis.call('SISMEMBER', idleKey, m) == 0 then return false end
  end
  return true
end
`;

/** Marks one socket idle or active; 1 when the user's idleness changed. */
const SET_IDLE = `${IDLE_FN}
local key, idleKey = KEYS[1], KEYS[2]
local member, idle = ARGV[1], ARGV[2] == '1'
if redis.call('SISMEMBER', key, member) == 0 then return 0 end
local before = allIdle(key, idleKey)
if idle then redis.call('SADD', idleKey, member) else redis.call('SREM', idleKey, member) end
if redis.call('SCARD', idleKey) == 0 then redis.call('DEL', idleKey) end
if before ~= allIdle(key, idleKey) then return 1 end
return 0
`;

/** 1 or 0 per user (KEYS in pairs: presence, idle). */
const IDLE_AMONG = `${IDLE_FN}
local out = {}
for i = 1, #KEYS, 2 do
  if allIdle(KEYS[i], KEYS[i + 1]) then table.insert(out, 1) else table.insert(out, 0) end
end
return out
`;

/**
 * Claims the users whose grace is over and who have no live socket, after moving the users of dead
 * nodes (heartbeat expired) into the grace's end: atomic, so each is announced by one node once.
 */
const DUE = `${DROP_DEAD}
local leaving, nodes = KEYS[1], KEYS[2]
local hbPrefix, prefix = ARGV[1], ARGV[2]
local now = nowMs()
for _, node in ipairs(redis.call('SMEMBERS', nodes)) do
  if redis.call('EXISTS', hbPrefix .. node) == 0 then
    local nodeUsers = prefix .. ':presence-node-users:' .. node
    for _, user in ipairs(redis.call('SMEMBERS', nodeUsers)) do
      local key = prefix .. ':presence:' .. user
      dropDead(key, hbPrefix)
      if redis.call('SCARD', key) == 0 then
        redis.call('DEL', key)
        redis.call('ZADD', leaving, 'NX', now, user)
      end
    end
    redis.call('DEL', nodeUsers)
    redis.call('SREM', nodes, node)
  end
end
local out = {}
for _, user in ipairs(redis.call('ZRANGEBYSCORE', leaving, '-inf', now, 'LIMIT', 0, 500)) do
  redis.call('ZREM', leaving, user)
  local key = prefix .. ':presence:' .. user
  dropDead(key, hbPrefix)
  if redis.call('SCARD', key) == 0 then table.insert(out, user) end
end
return out
`;

/**
 * Presence shared by every node (REDIS_URL). While Redis is away it answers from the node's own
 * memory (presence degrades to node-local rather than failing connections); when Redis is back,
 * or this node's heartbeat had lapsed, the node puts its sockets back (a Redis restart empties
 * every set), so other tabs neither announce "online" again nor "offline" early.
 */
export class RedisPresenceStore implements PresenceStore {
  private readonly local: MemoryPresenceStore;
  private readonly log = logger.child({ component: "presence" });

  constructor(
    private readonly sets: NodeSocketSets,
    private readonly graceMs: number,
  ) {
    this.local = new MemoryPresenceStore(graceMs);
    sets.onRejoin(() => this.rejoin());
  }

  private key(name: string): string {
    return `${this.sets.prefix}:${name}`;
  }

  private member(socketId: string): string {
    return `${this.sets.node}|${socketId}`;
  }

  private async run<T>(script: string, keys: string[], args: string[]): Promise<T | null> {
    if (!this.sets.redis.isReady) return null;
    try {
      return (await this.sets.redis.eval(script, { keys, arguments: args })) as T;
    } catch (err) {
      this.log.warn({ err }, "presence script failed: node-local presence");
      return null;
    }
  }

  async connect(userId: string, socketId: string): Promise<boolean> {
    const local = await this.local.connect(userId, socketId);
    const r = await this.run<number>(
      CONNECT,
      [
        this.key(`presence:${userId}`),
        this.key("presence-leaving"),
        this.key(`presence-node-users:${this.sets.node}`),
        this.key("presence-nodes"),
      ],
      [this.sets.heartbeatKey(""), this.member(socketId), userId, this.sets.node],
    );
    return r === null ? local : r === 1;
  }

  async disconnect(userId: string, socketId: string): Promise<void> {
    await this.local.disconnect(userId, socketId);
    await this.run<number>(
      DISCONNECT,
      [
        this.key(`presence:${userId}`),
        this.key("presence-leaving"),
        this.key(`presence-node-users:${this.sets.node}`),
        this.key(`presence-idle:${userId}`),
      ],
      [this.sets.heartbeatKey(""), this.member(socketId), userId, this.sets.node, String(this.graceMs)],
    );
  }

  async onlineAmong(userIds: Iterable<string>): Promise<Set<string>> {
    const ids = [...userIds];
    if (!ids.length) return new Set();
    const live = await this.sets.liveNodes(ids.map((id) => `presence:${id}`));
    if (!live) return this.local.onlineAmong(ids);
    const leaving = await this.sets.redis.zmScore(this.key("presence-leaving"), ids).catch(() => null);
    return new Set(ids.filter((id, i) => live[i]!.length > 0 || (leaving?.[i] ?? null) !== null));
  }

  async due(): Promise<string[]> {
    // The local graces matter only while Redis is away; claimed anyway so they do not pile up.
    const local = await this.local.due();
    const claimed = await this.run<string[]>(
      DUE,
      [this.key("presence-leaving"), this.key("presence-nodes")],
      [this.sets.heartbeatKey(""), this.sets.prefix],
    );
    return claimed ?? local;
  }

  async setIdle(userId: string, socketId: string, idle: boolean): Promise<boolean> {
    const local = await this.local.setIdle(userId, socketId, idle);
    const r = await this.run<number>(
      SET_IDLE,
      [this.key(`presence:${userId}`), this.key(`presence-idle:${userId}`)],
      [this.member(socketId), idle ? "1" : "0"],
    );
    return r === null ? local : r === 1;
  }

  async idleAmong(userIds: Iterable<string>): Promise<Set<string>> {
    const ids = [...userIds];
    if (!ids.length) return new Set();
    const r = await this.run<number[]>(
      IDLE_AMONG,
      ids.flatMap((id) => [this.key(`presence:${id}`), this.key(`presence-idle:${id}`)]),
      [],
    );
    if (!r) return this.local.idleAmong(ids);
    return new Set(ids.filter((_, i) => r[i] === 1));
  }

  /** Put this node's sockets back in one MULTI, built and sent in the same tick as the snapshot of them. */
  private async rejoin(): Promise<void> {
    const entries = this.local.entries();
    const multi = this.sets.redis.multi();
    multi.sAdd(this.key("presence-nodes"), this.sets.node);
    for (const [userId, sockets] of entries) {
      multi.sAdd(
        this.key(`presence:${userId}`),
        sockets.map((s) => this.member(s)),
      );
      multi.sAdd(this.key(`presence-node-users:${this.sets.node}`), userId);
      multi.zRem(this.key("presence-leaving"), userId);
    }
    // Graces that began here are lost with a restarted Redis: without them those users would
    // never be announced offline (the sweep checks for live sockets before announcing anyway).
    for (const [userId, until] of this.local.leavingEntries())
      multi.zAdd(this.key("presence-leaving"), { score: until, value: userId }, { NX: true });
    await multi.exec();
    this.log.info({ users: entries.length }, "presence re-registered this node's sockets");
  }
}
