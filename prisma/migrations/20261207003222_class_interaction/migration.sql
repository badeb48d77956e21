-- CreateTable
CREATE TABLE "room_polls" (
    "id" TEXT NOT NULL,
    "room_id" TEXT NOT NULL,
    "created_by_id" TEXT,
    "question" TEXT NOT NULL,
    "multiple" BOOLEAN NOT NULL DEFAULT false,
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "closed_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "room_polls_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "room_poll_options" (
    "id" TEXT NOT NULL,
    "poll_id" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "room_poll_options_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "room_poll_votes" (
    "poll_id" TEXT NOT NULL,
    "option_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "room_poll_votes_pkey" PRIMARY KEY ("poll_id","user_id","option_id")
);

-- CreateTable
CREATE TABLE "room_questions" (
    "id" TEXT NOT NULL,
    "room_id" TEXT NOT NULL,
    "author_id" TEXT,
    "content" TEXT NOT NULL,
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "answered_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "room_questions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "room_question_votes" (
    "question_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,

    CONSTRAINT "room_question_votes_pkey" PRIMARY KEY ("question_id","user_id")
);

-- CreateTable
CREATE TABLE "room_hands" (
    "room_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "raised_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "room_hands_pkey" PRIMARY KEY ("room_id","user_id")
);

-- CreateTable
CREATE TABLE "room_sanctions" (
    "room_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "muted_until" TIMESTAMP(3),
    "banned_at" TIMESTAMP(3),

    CONSTRAINT "room_sanctions_pkey" PRIMARY KEY ("room_id","user_id")
);

-- CreateTable
CREATE TABLE "room_moderation" (
    "room_id" TEXT NOT NULL,
    "slow_mode_seconds" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "room_moderation_pkey" PRIMARY KEY ("room_id")
);

-- CreateTable
CREATE TABLE "room_queue_items" (
    "id" TEXT NOT NULL,
    "room_id" TEXT NOT NULL,
    "video_id" TEXT NOT NULL,
    "added_by_id" TEXT,
    "position" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "room_queue_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "room_skip_votes" (
    "room_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "video_id" TEXT NOT NULL,

    CONSTRAINT "room_skip_votes_pkey" PRIMARY KEY ("room_id","user_id")
);

-- CreateIndex
CREATE INDEX "room_polls_room_id_created_at_idx" ON "room_polls"("room_id", "created_at");

-- CreateIndex
CREATE INDEX "room_poll_options_poll_id_position_idx" ON "room_poll_options"("poll_id", "position");

-- CreateIndex
CREATE INDEX "room_poll_votes_option_id_idx" ON "room_poll_votes"("option_id");

-- CreateIndex
CREATE INDEX "room_questions_room_id_created_at_idx" ON "room_questions"("room_id", "created_at");

-- CreateIndex
CREATE INDEX "room_hands_room_id_raised_at_idx" ON "room_hands"("room_id", "raised_at");

-- CreateIndex
CREATE INDEX "room_queue_items_room_id_position_idx" ON "room_queue_items"("room_id", "position");

-- AddForeignKey
ALTER TABLE "room_polls" ADD CONSTRAINT "room_polls_room_id_fkey" FOREIGN KEY ("room_id") REFERENCES "rooms"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "room_polls" ADD CONSTRAINT "room_polls_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "room_poll_options" ADD CONSTRAINT "room_poll_options_poll_id_fkey" FOREIGN KEY ("poll_id") REFERENCES "room_polls"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "room_poll_votes" ADD CONSTRAINT "room_poll_votes_poll_id_fkey" FOREIGN KEY ("poll_id") REFERENCES "room_polls"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "room_poll_votes" ADD CONSTRAINT "room_poll_votes_option_id_fkey" FOREIGN KEY ("option_id") REFERENCES "room_poll_options"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "room_poll_votes" ADD CONSTRAINT "room_poll_votes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "room_questions" ADD CONSTRAINT "room_questions_room_id_fkey" FOREIGN KEY ("room_id") REFERENCES "rooms"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "room_questions" ADD CONSTRAINT "room_questions_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "room_question_votes" ADD CONSTRAINT "room_question_votes_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "room_questions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "room_question_votes" ADD CONSTRAINT "room_question_votes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "room_hands" ADD CONSTRAINT "room_hands_room_id_fkey" FOREIGN KEY ("room_id") REFERENCES "rooms"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "room_hands" ADD CONSTRAINT "room_hands_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "room_sanctions" ADD CONSTRAINT "room_sanctions_room_id_fkey" FOREIGN KEY ("room_id") REFERENCES "rooms"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "room_sanctions" ADD CONSTRAINT "room_sanctions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "room_moderation" ADD CONSTRAINT "room_moderation_room_id_fkey" FOREIGN KEY ("room_id") REFERENCES "rooms"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "room_queue_items" ADD CONSTRAINT "room_queue_items_room_id_fkey" FOREIGN KEY ("room_id") REFERENCES "rooms"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "room_queue_items" ADD CONSTRAINT "room_queue_items_added_by_id_fkey" FOREIGN KEY ("added_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "room_skip_votes" ADD CONSTRAINT "room_skip_votes_room_id_fkey" FOREIGN KEY ("room_id") REFERENCES "rooms"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "room_skip_votes" ADD CONSTRAINT "room_skip_votes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
