-- CreateEnum
CREATE TYPE "InboxState" AS ENUM ('pending', 'done', 'dead');

-- AlterTable
ALTER TABLE "outbox_messages" ADD COLUMN     "maybe_sent" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "platform_pauses" (
    "platform" "Platform" NOT NULL,
    "error_class" VARCHAR(40) NOT NULL,
    "reason" VARCHAR(200) NOT NULL,
    "paused_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "probe_at" TIMESTAMPTZ(3) NOT NULL,
    "probes" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "platform_pauses_pkey" PRIMARY KEY ("platform")
);

-- CreateTable
CREATE TABLE "inbox_events" (
    "id" UUID NOT NULL,
    "platform" "Platform" NOT NULL,
    "dedupe_key" VARCHAR(300) NOT NULL,
    "kind" VARCHAR(40) NOT NULL,
    "body" JSONB,
    "state" "InboxState" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_owner" VARCHAR(100),
    "lease_until" TIMESTAMPTZ(3),
    "last_error" VARCHAR(300),
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "done_at" TIMESTAMPTZ(3),

    CONSTRAINT "inbox_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "inbox_events_state_next_attempt_at_idx" ON "inbox_events"("state", "next_attempt_at");

-- CreateIndex
CREATE INDEX "inbox_events_received_at_idx" ON "inbox_events"("received_at");

-- CreateIndex
CREATE UNIQUE INDEX "inbox_events_platform_dedupe_key_key" ON "inbox_events"("platform", "dedupe_key");
