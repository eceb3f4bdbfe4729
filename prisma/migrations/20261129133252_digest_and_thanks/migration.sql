-- AlterTable
ALTER TABLE "alumnus_profiles" ADD COLUMN     "thanks_by_name" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "digest_channels" ADD COLUMN     "alumni_readable" BOOLEAN NOT NULL DEFAULT false;
