-- CreateTable
CREATE TABLE "delivery_slots" (
    "key" VARCHAR(400) NOT NULL,
    "next_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "delivery_slots_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "outbox_messages_conversation_key_state_idx" ON "outbox_messages"("conversation_key", "state");
