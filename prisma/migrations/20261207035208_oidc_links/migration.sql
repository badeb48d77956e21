-- CreateTable
CREATE TABLE "oidc_links" (
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "oidc_links_pkey" PRIMARY KEY ("issuer","subject")
);

-- CreateIndex
CREATE INDEX "oidc_links_user_id_idx" ON "oidc_links"("user_id");

-- AddForeignKey
ALTER TABLE "oidc_links" ADD CONSTRAINT "oidc_links_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
