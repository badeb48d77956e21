-- CreateEnum
CREATE TYPE "UploadPurpose" AS ENUM ('avatar', 'photo', 'attachment');

-- CreateEnum
CREATE TYPE "UploadKind" AS ENUM ('image', 'audio', 'video', 'file');

-- CreateEnum
CREATE TYPE "UploadStorage" AS ENUM ('local', 'uploadthing');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "avatar_upload_id" TEXT,
ADD COLUMN     "upload_quota_bytes" BIGINT;

-- CreateTable
CREATE TABLE "uploads" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "purpose" "UploadPurpose" NOT NULL,
    "kind" "UploadKind" NOT NULL,
    "mime" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "etag" TEXT NOT NULL,
    "storage" "UploadStorage" NOT NULL DEFAULT 'local',
    "storage_key" TEXT NOT NULL,
    "remote_url" TEXT,
    "thumb_key" TEXT,
    "thumb_url" TEXT,
    "thumb_size" INTEGER,
    "room_id" TEXT,
    "attached_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "uploads_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "uploads_user_id_idx" ON "uploads"("user_id");

-- CreateIndex
CREATE INDEX "uploads_attached_at_created_at_idx" ON "uploads"("attached_at", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "users_avatar_upload_id_key" ON "users"("avatar_upload_id");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_avatar_upload_id_fkey" FOREIGN KEY ("avatar_upload_id") REFERENCES "uploads"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
