import "server-only";
import { roomChannel, type AppNamespace } from "./registry";
import { addPhoto, movePhoto, removePhoto, showPhoto, stepPhoto, viewPhotos } from "@/lib/rooms/photos";
import { AddPhoto, MovePhoto, PhotoRef, RoomRef } from "@/lib/rooms/schemas";
import { requireOpenParticipant } from "@/lib/rooms/access";
import { onEvent } from "./handler";

/** `/photos`: the shared queue and the photo everyone sees (lib/rooms/photos.ts). */
export function attachPhotos(nsp: AppNamespace<"/photos">): void {
  nsp.on("connection", (socket) => {
    onEvent(socket, "join_room", RoomRef, async ({ room_id }, { user }) => {
      await requireOpenParticipant(user.id, room_id);
      await socket.join(roomChannel(room_id));
      return { state: await viewPhotos(user.id, room_id) };
    });
    onEvent(socket, "add_photo", AddPhoto, async ({ room_id, upload_id }, { user }) => ({
      state: await addPhoto(user.id, room_id, upload_id),
    }));
    onEvent(socket, "show_photo", PhotoRef, async ({ room_id, photo_id }, { user }) => ({
      state: await showPhoto(user.id, room_id, photo_id),
    }));
    onEvent(socket, "next_photo", RoomRef, async ({ room_id }, { user }) => ({ state: await stepPhoto(user.id, room_id, 1) }));
    onEvent(socket, "previous_photo", RoomRef, async ({ room_id }, { user }) => ({ state: await stepPhoto(user.id, room_id, -1) }));
    onEvent(socket, "remove_photo", PhotoRef, async ({ room_id, photo_id }, { user }) => ({
      state: await removePhoto(user.id, room_id, photo_id),
    }));
    onEvent(socket, "move_photo", MovePhoto, async ({ room_id, photo_id, to_index }, { user }) => ({
      state: await movePhoto(user.id, room_id, photo_id, to_index),
    }));
  });
}
