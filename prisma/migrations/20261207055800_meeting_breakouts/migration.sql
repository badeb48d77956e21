-- CreateTable
CREATE TABLE "meeting_breakouts" (
    "id" TEXT NOT NULL,
    "meeting_id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "student_ids" TEXT[],
    "room_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMP(3),

    CONSTRAINT "meeting_breakouts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "meeting_breakouts_room_id_key" ON "meeting_breakouts"("room_id");

-- CreateIndex
CREATE INDEX "meeting_breakouts_meeting_id_ended_at_idx" ON "meeting_breakouts"("meeting_id", "ended_at");

-- CreateIndex
CREATE UNIQUE INDEX "meeting_breakouts_meeting_id_code_key" ON "meeting_breakouts"("meeting_id", "code");

-- AddForeignKey
ALTER TABLE "meeting_breakouts" ADD CONSTRAINT "meeting_breakouts_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_breakouts" ADD CONSTRAINT "meeting_breakouts_room_id_fkey" FOREIGN KEY ("room_id") REFERENCES "rooms"("id") ON DELETE SET NULL ON UPDATE CASCADE;
