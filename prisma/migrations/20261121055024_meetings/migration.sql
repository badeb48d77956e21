-- CreateEnum
CREATE TYPE "MeetingStatus" AS ENUM ('scheduled', 'ongoing', 'completed', 'cancelled');

-- CreateEnum
CREATE TYPE "ParticipantStatus" AS ENUM ('invited', 'accepted', 'declined', 'attended', 'absent');

-- CreateEnum
CREATE TYPE "MeetingResponse" AS ENUM ('accept', 'decline');

-- CreateTable
CREATE TABLE "meetings" (
    "id" TEXT NOT NULL,
    "meeting_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "instructor_id" TEXT NOT NULL,
    "scheduled_date" TIMESTAMP(3) NOT NULL,
    "duration" INTEGER NOT NULL,
    "status" "MeetingStatus" NOT NULL DEFAULT 'scheduled',
    "started_at" TIMESTAMP(3),
    "ended_at" TIMESTAMP(3),
    "room_id" TEXT,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "meetings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meeting_participants" (
    "id" TEXT NOT NULL,
    "meeting_id" TEXT NOT NULL,
    "student_id" TEXT NOT NULL,
    "status" "ParticipantStatus" NOT NULL DEFAULT 'invited',
    "response" "MeetingResponse",
    "first_joined_at" TIMESTAMP(3),
    "joined_at" TIMESTAMP(3),
    "left_at" TIMESTAMP(3),
    "attended_seconds" INTEGER NOT NULL DEFAULT 0,
    "removed_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "meeting_participants_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "meetings_meeting_id_key" ON "meetings"("meeting_id");

-- CreateIndex
CREATE INDEX "meetings_instructor_id_scheduled_date_idx" ON "meetings"("instructor_id", "scheduled_date");

-- CreateIndex
CREATE INDEX "meetings_scheduled_date_idx" ON "meetings"("scheduled_date");

-- CreateIndex
CREATE INDEX "meeting_participants_student_id_idx" ON "meeting_participants"("student_id");

-- CreateIndex
CREATE UNIQUE INDEX "meeting_participants_meeting_id_student_id_key" ON "meeting_participants"("meeting_id", "student_id");

-- AddForeignKey
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_instructor_id_fkey" FOREIGN KEY ("instructor_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_student_id_fkey" FOREIGN KEY ("student_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
