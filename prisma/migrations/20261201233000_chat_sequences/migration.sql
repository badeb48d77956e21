-- Class scale: every channel and conversation message takes the next number of its channel or
-- conversation (`seq`), read markers are seqs, and unread counts are computed on read, so a send
-- writes a constant number of rows whatever the channel's size (docs/decisions.md).

ALTER TABLE "channels" ADD COLUMN "last_seq" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "member_count" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "conversations" ADD COLUMN "last_seq" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "messages" ADD COLUMN "seq" INTEGER;
UPDATE "messages" m SET "seq" = n.rn
  FROM (SELECT id, row_number() OVER (PARTITION BY channel_id, conversation_id ORDER BY created_at, id) AS rn FROM "messages") n
 WHERE n.id = m.id;
ALTER TABLE "messages" ALTER COLUMN "seq" SET NOT NULL;

UPDATE "channels" c SET
  "last_seq" = COALESCE((SELECT max(seq) FROM "messages" WHERE channel_id = c.id), 0),
  "member_count" = (SELECT count(*) FROM "channel_members" WHERE channel_id = c.id);
UPDATE "conversations" c SET "last_seq" = COALESCE((SELECT max(seq) FROM "messages" WHERE conversation_id = c.id), 0);

ALTER TABLE "channel_members" ADD COLUMN "last_read_seq" INTEGER NOT NULL DEFAULT 0;
UPDATE "channel_members" cm SET "last_read_seq" = COALESCE((
  SELECT max(m.seq) FROM "messages" m
   WHERE m.channel_id = cm.channel_id
     AND (m.created_at, m.id) <= (cm.last_read_at, COALESCE(cm.last_read_message_id, ''))), 0);
ALTER TABLE "channel_members" DROP COLUMN "last_read_at", DROP COLUMN "last_read_message_id", DROP COLUMN "unread_count";

DROP INDEX "messages_channel_id_created_at_id_idx";
DROP INDEX "messages_conversation_id_created_at_id_idx";
CREATE UNIQUE INDEX "messages_channel_id_seq_key" ON "messages"("channel_id", "seq");
CREATE UNIQUE INDEX "messages_conversation_id_seq_key" ON "messages"("conversation_id", "seq");
CREATE INDEX "messages_channel_id_author_id_seq_idx" ON "messages"("channel_id", "author_id", "seq");

-- SQL only (like search_vector: the schema cannot express it): the deleted messages of a channel,
-- which unread counts subtract.
CREATE INDEX "messages_channel_deleted_seq_idx" ON "messages"("channel_id", "seq") WHERE "deleted_at" IS NOT NULL;
