-- AlterTable
ALTER TABLE "rooms" ADD COLUMN     "current_photo_id" TEXT;

-- CreateTable
CREATE TABLE "room_photos" (
    "id" TEXT NOT NULL,
    "room_id" TEXT NOT NULL,
    "upload_id" TEXT NOT NULL,
    "added_by_id" TEXT,
    "position" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "room_photos_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "room_photos_room_id_position_idx" ON "room_photos"("room_id", "position");

-- CreateIndex
CREATE INDEX "room_photos_upload_id_idx" ON "room_photos"("upload_id");

-- AddForeignKey
ALTER TABLE "room_photos" ADD CONSTRAINT "room_photos_room_id_fkey" FOREIGN KEY ("room_id") REFERENCES "rooms"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "room_photos" ADD CONSTRAINT "room_photos_upload_id_fkey" FOREIGN KEY ("upload_id") REFERENCES "uploads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "room_photos" ADD CONSTRAINT "room_photos_added_by_id_fkey" FOREIGN KEY ("added_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
