-- CreateTable
CREATE TABLE "known_sign_in_sources" (
    "user_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "last_seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "known_sign_in_sources_pkey" PRIMARY KEY ("user_id","source")
);

-- AddForeignKey
ALTER TABLE "known_sign_in_sources" ADD CONSTRAINT "known_sign_in_sources_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
