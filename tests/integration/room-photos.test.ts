import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { api, baseUrl, connect, createUser, emitAck, nextEvent, type TestUser } from "../helpers/client";

const open: Socket[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

async function png(color: string): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: color } })
    .png()
    .toBuffer();
}

async function upload(user: TestUser, code: string, color: string): Promise<string> {
  const form = new FormData();
  form.set("purpose", "photo");
  form.set("room_id", code);
  form.set("file", new Blob([new Uint8Array(await png(color))]), `${color}.png`);
  const res = await fetch(`${baseUrl()}/api/uploads`, { method: "POST", body: form, headers: { authorization: `Bearer ${user.token}` } });
  const body = (await res.json()) as { upload: { id: string } };
  expect(res.status).toBe(201);
  return body.upload.id;
}

async function photosSocket(user: TestUser, code: string) {
  const s = await connect("/photos", { token: user.token });
  open.push(s);
  const ack = await emitAck(s, "join_room", { room_id: code });
  expect(ack.success, JSON.stringify(ack)).toBe(true);
  return { s, state: ack.state };
}

async function room(n: number) {
  const users = await Promise.all(Array.from({ length: n }, () => createUser()));
  const code = (await api("/api/rooms", { token: users[0]!.token, body: { name: "Photos" } })).body.room.room_id as string;
  for (const u of users.slice(1)) await api(`/api/rooms/${code}/join`, { method: "POST", token: u.token });
  return { users, code };
}

describe("room photos over /photos", () => {
  it("any participant adds; everyone sees the same current photo; late joiners get the state", async () => {
    const { users, code } = await room(3);
    const a = await photosSocket(users[0]!, code);
    const b = await photosSocket(users[1]!, code);
    expect(a.state).toEqual({ room_id: code, queue: [], current_id: null });

    const red = await upload(users[1]!, code, "red");
    const seen = nextEvent(a.s, "photos_state", (p: any) => p.queue.length === 1);
    const added = await emitAck(b.s, "add_photo", { room_id: code, upload_id: red });
    expect(added.success).toBe(true);
    const state = await seen;
    expect(state.queue[0]).toMatchObject({ upload_id: red, url: `/api/uploads/${red}`, width: 64, height: 48, added_by: users[1]!.id });
    expect(state.current_id).toBe(state.queue[0].id);

    const blue = await upload(users[0]!, code, "blue");
    const green = await upload(users[0]!, code, "green");
    await emitAck(a.s, "add_photo", { room_id: code, upload_id: blue });
    const three = await emitAck(a.s, "add_photo", { room_id: code, upload_id: green });
    expect(three.state.queue.map((p: any) => p.upload_id)).toEqual([red, blue, green]);

    const next = await emitAck(b.s, "next_photo", { room_id: code });
    expect(next.state.current_id).toBe(three.state.queue[1].id);
    const shown = await emitAck(a.s, "show_photo", { room_id: code, photo_id: three.state.queue[2].id });
    expect(shown.state.current_id).toBe(three.state.queue[2].id);
    // Stepping past the end stays on the last photo.
    expect((await emitAck(a.s, "next_photo", { room_id: code })).state.current_id).toBe(three.state.queue[2].id);

    // Reorder: green first.
    const moved = await emitAck(a.s, "move_photo", { room_id: code, photo_id: three.state.queue[2].id, to_index: 0 });
    expect(moved.state.queue.map((p: any) => p.upload_id)).toEqual([green, red, blue]);

    // A late joiner sees the same queue and current photo.
    const late = await photosSocket(users[2]!, code);
    expect(late.state).toEqual(moved.state);

    // Removing the current photo moves to its neighbour.
    const removed = await emitAck(b.s, "remove_photo", { room_id: code, photo_id: moved.state.current_id });
    expect(removed.state.queue.map((p: any) => p.upload_id)).toEqual([red, blue]);
    expect(removed.state.current_id).toBe(removed.state.queue[0].id);
  });

  it("follows the controls, refuses others' uploads and non-images, and serves photos to participants only", async () => {
    const { users, code } = await room(2);
    const outsider = await createUser();
    const a = await photosSocket(users[0]!, code);
    const b = await photosSocket(users[1]!, code);
    const mine = await upload(users[1]!, code, "yellow");
    // Someone else's upload cannot be added.
    expect(await emitAck(a.s, "add_photo", { room_id: code, upload_id: mine })).toMatchObject({ success: false, code: "FORBIDDEN" });
    expect(await emitAck(a.s, "add_photo", { room_id: code, upload_id: "nope" })).toMatchObject({ success: false });
    expect(await emitAck(a.s, "add_photo", { room_id: code })).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
    await emitAck(b.s, "add_photo", { room_id: code, upload_id: mine });

    // Host-only controls: b may still add, but not show, step or remove.
    const rooms = await connect("/rooms", { token: users[0]!.token });
    open.push(rooms);
    await emitAck(rooms, "join_room", { room_id: code });
    await emitAck(rooms, "set_controls", { room_id: code, controls: "host" });
    expect(await emitAck(b.s, "next_photo", { room_id: code })).toMatchObject({ success: false, code: "FORBIDDEN" });
    const second = await upload(users[1]!, code, "purple");
    expect((await emitAck(b.s, "add_photo", { room_id: code, upload_id: second })).success).toBe(true);
    expect((await emitAck(a.s, "next_photo", { room_id: code })).success).toBe(true);

    // The bytes: participants yes, outsiders no.
    const get = (u: TestUser) => fetch(`${baseUrl()}/api/uploads/${mine}`, { headers: { authorization: `Bearer ${u.token}` } });
    expect((await get(users[0]!)).status).toBe(200);
    expect((await get(outsider)).status).toBe(403);
    const os = await connect("/photos", { token: outsider.token });
    open.push(os);
    expect(await emitAck(os, "join_room", { room_id: code })).toMatchObject({ success: false, code: "FORBIDDEN" });
  });
});
