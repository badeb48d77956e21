-- AlterTable
ALTER TABLE "meeting_participants" ADD COLUMN     "last_heartbeat_at" TIMESTAMP(3);
