import "server-only";
import { roomChannel } from "./registry";
import type { Namespace, Socket } from "socket.io";
import { z } from "zod";
import { addPhoto, movePhoto, removePhoto, showPhoto, stepPhoto, viewPhotos } from "@/lib/rooms/photos";
import { RoomCode, RoomRef } from "@/lib/rooms/schemas";
import { requireOpenParticipant } from "@/lib/rooms/service";
import { onEvent } from "./handler";
import type { PhotosClientEvents, PhotosServerEvents, SocketData } from "./types";

type PhotosSocket = Socket<PhotosClientEvents, PhotosServerEvents, never, SocketData>;

const Id = z.string().min(1).max(64);
const AddPhoto = z.object({ room_id: RoomCode, upload_id: Id });
const PhotoRef = z.object({ room_id: RoomCode, photo_id: Id });
const MovePhoto = z.object({ room_id: RoomCode, photo_id: Id, to_index: z.number().int().min(0).max(1000) });

/** `/photos`: the shared queue and the photo everyone sees (lib/rooms/photos.ts). */
export function attachPhotos(nsp: Namespace): void {
  nsp.on("connection", (raw) => {
    const socket = raw as unknown as PhotosSocket;
    const s = socket as never;
    onEvent(s, "join_room", RoomRef, async ({ room_id }, { user }) => {
      await requireOpenParticipant(user.id, room_id);
      await socket.join(roomChannel(room_id));
      return { state: await viewPhotos(user.id, room_id) };
    });
    onEvent(s, "add_photo", AddPhoto, async ({ room_id, upload_id }, { user }) => ({ state: await addPhoto(user.id, room_id, upload_id) }));
    onEvent(s, "show_photo", PhotoRef, async ({ room_id, photo_id }, { user }) => ({ state: await showPhoto(user.id, room_id, photo_id) }));
    onEvent(s, "next_photo", RoomRef, async ({ room_id }, { user }) => ({ state: await stepPhoto(user.id, room_id, 1) }));
    onEvent(s, "previous_photo", RoomRef, async ({ room_id }, { user }) => ({ state: await stepPhoto(user.id, room_id, -1) }));
    onEvent(s, "remove_photo", PhotoRef, async ({ room_id, photo_id }, { user }) => ({
      state: await removePhoto(user.id, room_id, photo_id),
    }));
    onEvent(s, "move_photo", MovePhoto, async ({ room_id, photo_id, to_index }, { user }) => ({
      state: await movePhoto(user.id, room_id, photo_id, to_index),
    }));
  });
}
