-- AlterTable
ALTER TABLE "consents" ADD COLUMN     "source_detail" VARCHAR(200);

-- AlterTable
ALTER TABLE "people" ADD COLUMN     "admin_from_config" BOOLEAN NOT NULL DEFAULT false;
