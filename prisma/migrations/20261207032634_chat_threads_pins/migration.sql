-- DropIndex
DROP INDEX "messages_channel_id_seq_key";

-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "last_reply_at" TIMESTAMP(3),
ADD COLUMN     "pinned_at" TIMESTAMP(3),
ADD COLUMN     "pinned_by_id" TEXT,
ADD COLUMN     "reply_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "reply_user_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "thread_id" TEXT;

-- CreateTable
CREATE TABLE "thread_follows" (
    "user_id" TEXT NOT NULL,
    "root_id" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "last_read_seq" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "thread_follows_pkey" PRIMARY KEY ("user_id","root_id")
);

-- CreateIndex
CREATE INDEX "thread_follows_user_id_channel_id_idx" ON "thread_follows"("user_id", "channel_id");

-- CreateIndex
CREATE INDEX "thread_follows_root_id_idx" ON "thread_follows"("root_id");

-- CreateIndex
CREATE INDEX "messages_channel_id_pinned_at_idx" ON "messages"("channel_id", "pinned_at");

-- CreateIndex
CREATE UNIQUE INDEX "messages_thread_id_seq_key" ON "messages"("thread_id", "seq");

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_thread_id_fkey" FOREIGN KEY ("thread_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_pinned_by_id_fkey" FOREIGN KEY ("pinned_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "thread_follows" ADD CONSTRAINT "thread_follows_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "thread_follows" ADD CONSTRAINT "thread_follows_root_id_fkey" FOREIGN KEY ("root_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "thread_follows" ADD CONSTRAINT "thread_follows_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Written by hand (not in schema.prisma, so diffs never see it): seq is unique among a channel's
-- timeline messages only, since thread replies keep their channel_id and number in their thread.
-- The channel's history, last message and unread probes filter on thread_id IS NULL and use it.
CREATE UNIQUE INDEX "messages_channel_timeline_seq_key" ON "messages"("channel_id", "seq") WHERE "thread_id" IS NULL;
