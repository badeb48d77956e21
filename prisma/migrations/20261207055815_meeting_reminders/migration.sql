-- CreateTable
CREATE TABLE "meeting_reminders" (
    "meeting_id" TEXT NOT NULL,
    "scheduled_date" TIMESTAMP(3) NOT NULL,
    "sent_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "meeting_reminders_pkey" PRIMARY KEY ("meeting_id")
);

-- AddForeignKey
ALTER TABLE "meeting_reminders" ADD CONSTRAINT "meeting_reminders_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE CASCADE;
