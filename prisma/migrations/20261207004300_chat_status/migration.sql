-- CreateTable
CREATE TABLE "chat_statuses" (
    "user_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "chat_statuses_pkey" PRIMARY KEY ("user_id")
);

-- AddForeignKey
ALTER TABLE "chat_statuses" ADD CONSTRAINT "chat_statuses_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
