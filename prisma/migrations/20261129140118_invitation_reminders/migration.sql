-- AlterTable
ALTER TABLE "invitations" ADD COLUMN     "reminded_at" TIMESTAMPTZ(3);
