-- CreateEnum
CREATE TYPE "RegisterStatus" AS ENUM ('present', 'late', 'absent', 'excused');

-- AlterTable
ALTER TABLE "meetings" ADD COLUMN     "course_id" TEXT;

-- CreateTable
CREATE TABLE "register_overrides" (
    "participant_id" TEXT NOT NULL,
    "status" "RegisterStatus" NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "register_overrides_pkey" PRIMARY KEY ("participant_id")
);

-- CreateIndex
CREATE INDEX "meetings_course_id_scheduled_date_idx" ON "meetings"("course_id", "scheduled_date");

-- AddForeignKey
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "channels"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "register_overrides" ADD CONSTRAINT "register_overrides_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "meeting_participants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
