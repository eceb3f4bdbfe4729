-- A submitted request is answered first, and its first wave (invitations, or the shortlist) goes
-- out behind the answer (src/app/invite-first-wave.ts). first_wave_due_at marks a request whose
-- first wave still waits (null for every request recorded before: theirs went out with the
-- answer). first_wave_attempts counts the failed tries.

-- AlterTable
ALTER TABLE "requests" ADD COLUMN     "first_wave_attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "first_wave_due_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "requests_first_wave_due_at_idx" ON "requests"("first_wave_due_at");
