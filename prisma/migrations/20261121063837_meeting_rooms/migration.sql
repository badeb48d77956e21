-- CreateIndex
CREATE UNIQUE INDEX "meetings_room_id_key" ON "meetings"("room_id");

-- AddForeignKey
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_room_id_fkey" FOREIGN KEY ("room_id") REFERENCES "rooms"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Backfill (hand-written): every meeting created before companion rooms gets its room, as new
-- meetings do: host = the instructor (also its first participant), name = the title (rooms take
-- 80 characters). Codes are 8 characters of [a-z0-9] (hex digits here) drawn at random.
-- BACKFILL START
CREATE TEMP TABLE meeting_room_backfill AS
  SELECT m.id AS meeting_id, substr(md5(random()::text || m.id || clock_timestamp()::text), 1, 8) AS room_id
  FROM "meetings" m
  WHERE m."room_id" IS NULL;

INSERT INTO "rooms" ("id", "name", "host_id", "created_at", "updated_at")
  SELECT b.room_id, left(m."title", 80), m."instructor_id", m."created_at", CURRENT_TIMESTAMP
  FROM meeting_room_backfill b JOIN "meetings" m ON m.id = b.meeting_id;

INSERT INTO "room_participants" ("room_id", "user_id", "joined_at")
  SELECT b.room_id, m."instructor_id", m."created_at"
  FROM meeting_room_backfill b JOIN "meetings" m ON m.id = b.meeting_id;

UPDATE "meetings" m SET "room_id" = b.room_id
  FROM meeting_room_backfill b
  WHERE m.id = b.meeting_id;

DROP TABLE meeting_room_backfill;
-- BACKFILL END
