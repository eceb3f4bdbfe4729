-- CreateTable
CREATE TABLE "conversation_references" (
    "platform" "Platform" NOT NULL,
    "conversation_id" VARCHAR(300) NOT NULL,
    "reference" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "conversation_references_pkey" PRIMARY KEY ("platform","conversation_id")
);
