-- CreateTable
CREATE TABLE "calendar_links" (
    "user_id" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "calendar_links_pkey" PRIMARY KEY ("user_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "calendar_links_secret_hash_key" ON "calendar_links"("secret_hash");

-- AddForeignKey
ALTER TABLE "calendar_links" ADD CONSTRAINT "calendar_links_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
