-- AlterTable
ALTER TABLE "form_definitions" ADD COLUMN     "meta" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "form_sessions" ADD COLUMN     "editing" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "focused_at" TIMESTAMPTZ(3),
ADD COLUMN     "remind_at" TIMESTAMPTZ(3),
ADD COLUMN     "turn" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "form_sessions_state_remind_at_idx" ON "form_sessions"("state", "remind_at");

-- CreateIndex
CREATE INDEX "form_sessions_subject_id_idx" ON "form_sessions"("subject_id");
