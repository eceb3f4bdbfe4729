-- AlterTable
ALTER TABLE "consents" ADD COLUMN     "lapse_reason" VARCHAR(20),
ADD COLUMN     "proof_hash" VARCHAR(64),
ADD COLUMN     "renewal_reminded_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "link_codes" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "platform" "Platform" NOT NULL,
    "code_hash" VARCHAR(64) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "link_codes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "link_codes_code_hash_key" ON "link_codes"("code_hash");

-- CreateIndex
CREATE INDEX "link_codes_person_id_idx" ON "link_codes"("person_id");

-- CreateIndex
CREATE INDEX "link_codes_expires_at_idx" ON "link_codes"("expires_at");

-- CreateIndex
CREATE INDEX "consents_withdrawn_at_given_at_idx" ON "consents"("withdrawn_at", "given_at");

-- AddForeignKey
ALTER TABLE "link_codes" ADD CONSTRAINT "link_codes_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;
