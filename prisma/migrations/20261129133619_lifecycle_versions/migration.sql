-- AlterTable
ALTER TABLE "outbox_messages" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "requests" ADD COLUMN     "deadline_notice_for" TIMESTAMPTZ(3);
