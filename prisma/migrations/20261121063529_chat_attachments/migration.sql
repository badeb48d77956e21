-- Media messages could not be sent before uploads existed: clear any id that names no upload.
UPDATE "messages" SET "upload_id" = NULL WHERE "upload_id" IS NOT NULL AND "upload_id" NOT IN (SELECT "id" FROM "uploads");

-- CreateIndex
CREATE INDEX "messages_upload_id_idx" ON "messages"("upload_id");

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_upload_id_fkey" FOREIGN KEY ("upload_id") REFERENCES "uploads"("id") ON DELETE SET NULL ON UPDATE CASCADE;
