import "server-only";
import type { Prisma } from "@prisma/client";
import { db } from "@/lib/db/prisma";
import { errors } from "@/lib/http/errors";
import { claimUpload, type UploadAccessRule } from "@/lib/uploads/service";
import { thumbnailUrl, uploadUrl } from "@/lib/uploads/schemas";
import { emitToRoom, type PhotoJson, type PhotosStateJson } from "./events";
import { requireControl, requireOpenParticipant, requireParticipant } from "./access";

export const MAX_QUEUE = 200;

const photoInclude = { upload: { select: { id: true, width: true, height: true } } } satisfies Prisma.RoomPhotoInclude;
type PhotoRow = Prisma.RoomPhotoGetPayload<{ include: typeof photoInclude }>;

function presentPhoto(p: PhotoRow): PhotoJson {
  return {
    id: p.id,
    upload_id: p.uploadId,
    url: uploadUrl(p.uploadId),
    thumb_url: thumbnailUrl(p.uploadId),
    width: p.upload.width ?? 0,
    height: p.upload.height ?? 0,
    added_by: p.addedById,
    created_at: p.createdAt.toISOString(),
  };
}

/** `photos_state`: the queue in order and the photo everyone sees. */
export async function photosState(code: string): Promise<PhotosStateJson> {
  const [room, photos] = await Promise.all([
    db().room.findUniqueOrThrow({ where: { id: code }, select: { currentPhotoId: true } }),
    db().roomPhoto.findMany({ where: { roomId: code }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], include: photoInclude }),
  ]);
  // A photo whose upload went (its owner deleted their account) leaves the queue by cascade.
  const current = photos.some((p) => p.id === room.currentPhotoId) ? room.currentPhotoId : (photos[0]?.id ?? null);
  return { room_id: code, queue: photos.map(presentPhoto), current_id: current };
}

async function broadcast(code: string) {
  const state = await photosState(code);
  emitToRoom(code, "photos_state", state);
  return state;
}

export async function viewPhotos(userId: string, code: string) {
  await requireParticipant(userId, code);
  return photosState(code);
}

/** Any participant adds their own image upload to the queue; the first one added is shown. */
export async function addPhoto(userId: string, code: string, uploadId: string) {
  await requireOpenParticipant(userId, code);
  const count = await db().roomPhoto.count({ where: { roomId: code } });
  if (count >= MAX_QUEUE) throw errors.conflict(`A room holds at most ${MAX_QUEUE} photos`);
  await claimUpload(uploadId, userId, { purposes: ["photo"], kinds: ["image"], field: "upload_id" });
  await db().$transaction(async (tx: Prisma.TransactionClient) => {
    await tx.$queryRaw`SELECT id FROM rooms WHERE id = ${code} FOR UPDATE`;
    const last = await tx.roomPhoto.findFirst({ where: { roomId: code }, orderBy: { position: "desc" }, select: { position: true } });
    const photo = await tx.roomPhoto.create({ data: { roomId: code, uploadId, addedById: userId, position: (last?.position ?? 0) + 1 } });
    await tx.room.updateMany({ where: { id: code, currentPhotoId: null }, data: { currentPhotoId: photo.id } });
  });
  return broadcast(code);
}

async function controlled(userId: string, code: string) {
  const room = await requireOpenParticipant(userId, code);
  requireControl(room, userId);
  return room;
}

async function queueIds(code: string): Promise<string[]> {
  const rows = await db().roomPhoto.findMany({
    where: { roomId: code },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

export async function showPhoto(userId: string, code: string, photoId: string) {
  await controlled(userId, code);
  const ids = await queueIds(code);
  if (!ids.includes(photoId)) throw errors.notFound("Photo");
  await db().room.update({ where: { id: code }, data: { currentPhotoId: photoId } });
  return broadcast(code);
}

/** Next or previous, stopping at the ends of the queue (a slideshow, not a carousel). */
export async function stepPhoto(userId: string, code: string, delta: 1 | -1) {
  const room = await controlled(userId, code);
  const ids = await queueIds(code);
  if (!ids.length) throw errors.conflict("The photo queue is empty");
  const at = room.currentPhotoId ? ids.indexOf(room.currentPhotoId) : -1;
  const next = ids[Math.min(ids.length - 1, Math.max(0, at + delta))]!;
  if (next !== room.currentPhotoId) await db().room.update({ where: { id: code }, data: { currentPhotoId: next } });
  return broadcast(code);
}

export async function removePhoto(userId: string, code: string, photoId: string) {
  const room = await controlled(userId, code);
  const ids = await queueIds(code);
  const at = ids.indexOf(photoId);
  if (at < 0) throw errors.notFound("Photo");
  const rest = ids.filter((id) => id !== photoId);
  const current = room.currentPhotoId === photoId ? (rest[Math.min(at, rest.length - 1)] ?? null) : room.currentPhotoId;
  await db().$transaction([
    db().room.update({ where: { id: code }, data: { currentPhotoId: current } }),
    db().roomPhoto.delete({ where: { id: photoId } }),
  ]);
  return broadcast(code);
}

/** Reorder: move a photo to `toIndex` in the queue. */
export async function movePhoto(userId: string, code: string, photoId: string, toIndex: number) {
  await controlled(userId, code);
  const ids = await queueIds(code);
  const from = ids.indexOf(photoId);
  if (from < 0) throw errors.notFound("Photo");
  ids.splice(from, 1);
  ids.splice(Math.min(Math.max(0, toIndex), ids.length), 0, photoId);
  await db().$transaction(ids.map((id, i) => db().roomPhoto.update({ where: { id }, data: { position: i + 1 } })));
  return broadcast(code);
}

/** Whoever takes part in a room may see the photos shared in it (registered by lib/app/compose.ts). */
export const roomPhotoAccess: UploadAccessRule = async (upload, userId) => {
  const hit = await db().roomPhoto.findFirst({
    where: { uploadId: upload.id, room: { participants: { some: { userId, leftAt: null } } } },
    select: { id: true },
  });
  return !!hit;
};
