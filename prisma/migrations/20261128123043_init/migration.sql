-- CreateEnum
CREATE TYPE "UnitKind" AS ENUM ('faculty', 'department', 'centre');

-- CreateEnum
CREATE TYPE "ProgrammeLevel" AS ENUM ('bachelor', 'master', 'phd', 'other');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('alumnus', 'staff', 'admin');

-- CreateEnum
CREATE TYPE "Platform" AS ENUM ('slack', 'teams');

-- CreateEnum
CREATE TYPE "Locale" AS ENUM ('nb', 'en');

-- CreateEnum
CREATE TYPE "RequestType" AS ENUM ('guest_lecture', 'evaluation_panel', 'programme_council', 'board_seat', 'practice_placement', 'thesis_topic', 'recruitment_event', 'mentoring', 'career_talk', 'strategic_advice', 'other');

-- CreateEnum
CREATE TYPE "ConsentSource" AS ENUM ('slack', 'teams', 'csv_import', 'admin', 'demo');

-- CreateEnum
CREATE TYPE "RequestState" AS ENUM ('draft', 'open', 'filled', 'completed', 'closed', 'cancelled');

-- CreateEnum
CREATE TYPE "RequestFormat" AS ENUM ('campus', 'digital', 'either');

-- CreateEnum
CREATE TYPE "InvitationState" AS ENUM ('queued', 'sent', 'accepted', 'declined', 'expired', 'withdrawn', 'confirmed');

-- CreateEnum
CREATE TYPE "FormSessionState" AS ENUM ('active', 'completed', 'expired', 'cancelled');

-- CreateEnum
CREATE TYPE "OutboxState" AS ENUM ('pending', 'sent', 'dead', 'skipped');

-- CreateEnum
CREATE TYPE "DigestRunState" AS ENUM ('claimed', 'posted', 'failed');

-- CreateTable
CREATE TABLE "units" (
    "id" UUID NOT NULL,
    "code" VARCHAR(40) NOT NULL,
    "name_nb" VARCHAR(200) NOT NULL,
    "name_en" VARCHAR(200) NOT NULL,
    "kind" "UnitKind" NOT NULL,
    "parent_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "units_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "programmes" (
    "id" UUID NOT NULL,
    "code" VARCHAR(40) NOT NULL,
    "name_nb" VARCHAR(200) NOT NULL,
    "name_en" VARCHAR(200) NOT NULL,
    "level" "ProgrammeLevel" NOT NULL DEFAULT 'other',
    "unit_id" UUID NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "programmes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "people" (
    "id" UUID NOT NULL,
    "display_name" VARCHAR(200) NOT NULL,
    "email" VARCHAR(320),
    "email_verified" BOOLEAN NOT NULL DEFAULT false,
    "roles" "Role"[] DEFAULT ARRAY[]::"Role"[],
    "locale" "Locale",
    "time_zone" VARCHAR(64),
    "preferred_platform" "Platform",
    "erased_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "people_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "platform_identities" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "platform" "Platform" NOT NULL,
    "workspace_id" VARCHAR(100) NOT NULL,
    "user_id" VARCHAR(100) NOT NULL,
    "platform_user_id" VARCHAR(300),
    "email" VARCHAR(320),
    "locale" VARCHAR(20),
    "dm_channel_id" VARCHAR(100),
    "conversation_ref" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "platform_identities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alumnus_profiles" (
    "person_id" UUID NOT NULL,
    "employer" VARCHAR(200),
    "sector" VARCHAR(100),
    "expertise" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "languages" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "region" VARCHAR(100),
    "engagement_types" "RequestType"[] DEFAULT ARRAY[]::"RequestType"[],
    "formats" "RequestFormat"[] DEFAULT ARRAY['campus', 'digital']::"RequestFormat"[],
    "available_from" TIMESTAMPTZ(3),
    "available_until" TIMESTAMPTZ(3),
    "max_asks_per_term" INTEGER NOT NULL DEFAULT 3,
    "paused_until" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alumnus_profiles_pkey" PRIMARY KEY ("person_id")
);

-- CreateTable
CREATE TABLE "alumnus_programmes" (
    "id" UUID NOT NULL,
    "profile_id" UUID NOT NULL,
    "programme_id" UUID NOT NULL,
    "graduation_year" INTEGER,

    CONSTRAINT "alumnus_programmes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consents" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "given_at" TIMESTAMPTZ(3) NOT NULL,
    "text_version" VARCHAR(40) NOT NULL,
    "purposes" "RequestType"[],
    "source" "ConsentSource" NOT NULL,
    "withdrawn_at" TIMESTAMPTZ(3),
    "withdrawn_source" "ConsentSource",

    CONSTRAINT "consents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "requests" (
    "id" UUID NOT NULL,
    "title" VARCHAR(150) NOT NULL,
    "type" "RequestType" NOT NULL,
    "description" VARCHAR(3000) NOT NULL,
    "unit_id" UUID NOT NULL,
    "programme_id" UUID,
    "course" VARCHAR(100),
    "expertise" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3),
    "format" "RequestFormat" NOT NULL,
    "language" "Locale",
    "needed" INTEGER NOT NULL,
    "reply_by" TIMESTAMPTZ(3) NOT NULL,
    "owner_id" UUID NOT NULL,
    "state" "RequestState" NOT NULL DEFAULT 'draft',
    "review_shortlist" BOOLEAN NOT NULL DEFAULT false,
    "oversample" INTEGER NOT NULL DEFAULT 3,
    "cancel_reason" VARCHAR(500),
    "channel_platform" "Platform",
    "channel_workspace_id" VARCHAR(100),
    "channel_id" VARCHAR(300),
    "message_ref" JSONB,
    "opened_at" TIMESTAMPTZ(3),
    "filled_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invitations" (
    "id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "wave" INTEGER NOT NULL DEFAULT 1,
    "state" "InvitationState" NOT NULL DEFAULT 'queued',
    "platform" "Platform",
    "message_ref" JSONB,
    "decline_reason" VARCHAR(500),
    "sent_at" TIMESTAMPTZ(3),
    "answered_at" TIMESTAMPTZ(3),
    "confirmed_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "form_definitions" (
    "id" UUID NOT NULL,
    "key" VARCHAR(60) NOT NULL,
    "version" INTEGER NOT NULL,
    "questions" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "form_definitions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "form_sessions" (
    "id" UUID NOT NULL,
    "form_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "subject_type" VARCHAR(40) NOT NULL,
    "subject_id" UUID NOT NULL,
    "step" INTEGER NOT NULL DEFAULT 0,
    "answers" JSONB NOT NULL DEFAULT '{}',
    "state" "FormSessionState" NOT NULL DEFAULT 'active',
    "platform" "Platform",
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "reminded_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "form_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_messages" (
    "id" UUID NOT NULL,
    "platform" "Platform" NOT NULL,
    "target" JSONB NOT NULL,
    "kind" VARCHAR(60) NOT NULL,
    "card" JSONB NOT NULL,
    "idempotency_key" VARCHAR(200) NOT NULL,
    "conversation_key" VARCHAR(400) NOT NULL,
    "workspace_key" VARCHAR(200) NOT NULL,
    "state" "OutboxState" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_owner" VARCHAR(100),
    "lease_until" TIMESTAMPTZ(3),
    "last_error" VARCHAR(1000),
    "platform_ref" JSONB,
    "person_id" UUID,
    "request_id" UUID,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "outbox_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "digest_channels" (
    "id" UUID NOT NULL,
    "platform" "Platform" NOT NULL,
    "workspace_id" VARCHAR(100) NOT NULL,
    "channel_id" VARCHAR(300) NOT NULL,
    "unit_id" UUID,
    "locale" "Locale" NOT NULL DEFAULT 'nb',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "digest_channels_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "digest_runs" (
    "id" UUID NOT NULL,
    "digest_channel_id" UUID NOT NULL,
    "iso_week" VARCHAR(10) NOT NULL,
    "state" "DigestRunState" NOT NULL DEFAULT 'claimed',
    "summary" JSONB,
    "outbox_message_id" UUID,
    "claimed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "posted_at" TIMESTAMPTZ(3),

    CONSTRAINT "digest_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "processed_events" (
    "platform" "Platform" NOT NULL,
    "event_id" VARCHAR(300) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_events_pkey" PRIMARY KEY ("platform","event_id")
);

-- CreateTable
CREATE TABLE "scheduled_runs" (
    "key" VARCHAR(200) NOT NULL,
    "claimed_by" VARCHAR(100) NOT NULL,
    "claimed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "done_at" TIMESTAMPTZ(3),

    CONSTRAINT "scheduled_runs_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "audit_entries" (
    "id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" VARCHAR(100),
    "action" VARCHAR(60) NOT NULL,
    "subject_type" VARCHAR(40) NOT NULL,
    "subject_id" VARCHAR(100),
    "person_id" VARCHAR(100),
    "details" JSONB NOT NULL DEFAULT '{}',
    "pseudonymised" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "audit_entries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "units_code_key" ON "units"("code");

-- CreateIndex
CREATE INDEX "units_parent_id_idx" ON "units"("parent_id");

-- CreateIndex
CREATE UNIQUE INDEX "programmes_code_key" ON "programmes"("code");

-- CreateIndex
CREATE INDEX "programmes_unit_id_idx" ON "programmes"("unit_id");

-- CreateIndex
CREATE UNIQUE INDEX "people_email_key" ON "people"("email");

-- CreateIndex
CREATE INDEX "platform_identities_person_id_idx" ON "platform_identities"("person_id");

-- CreateIndex
CREATE INDEX "platform_identities_email_idx" ON "platform_identities"("email");

-- CreateIndex
CREATE UNIQUE INDEX "platform_identities_platform_workspace_id_user_id_key" ON "platform_identities"("platform", "workspace_id", "user_id");

-- CreateIndex
CREATE INDEX "alumnus_profiles_expertise_idx" ON "alumnus_profiles" USING GIN ("expertise");

-- CreateIndex
CREATE INDEX "alumnus_profiles_engagement_types_idx" ON "alumnus_profiles" USING GIN ("engagement_types");

-- CreateIndex
CREATE INDEX "alumnus_programmes_programme_id_idx" ON "alumnus_programmes"("programme_id");

-- CreateIndex
CREATE UNIQUE INDEX "alumnus_programmes_profile_id_programme_id_key" ON "alumnus_programmes"("profile_id", "programme_id");

-- CreateIndex
CREATE INDEX "consents_person_id_withdrawn_at_idx" ON "consents"("person_id", "withdrawn_at");

-- CreateIndex
CREATE INDEX "requests_state_reply_by_idx" ON "requests"("state", "reply_by");

-- CreateIndex
CREATE INDEX "requests_state_starts_at_idx" ON "requests"("state", "starts_at");

-- CreateIndex
CREATE INDEX "requests_owner_id_idx" ON "requests"("owner_id");

-- CreateIndex
CREATE INDEX "requests_unit_id_created_at_idx" ON "requests"("unit_id", "created_at");

-- CreateIndex
CREATE INDEX "requests_programme_id_idx" ON "requests"("programme_id");

-- CreateIndex
CREATE INDEX "invitations_person_id_created_at_idx" ON "invitations"("person_id", "created_at");

-- CreateIndex
CREATE INDEX "invitations_state_expires_at_idx" ON "invitations"("state", "expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "invitations_request_id_person_id_key" ON "invitations"("request_id", "person_id");

-- CreateIndex
CREATE UNIQUE INDEX "form_definitions_key_version_key" ON "form_definitions"("key", "version");

-- CreateIndex
CREATE INDEX "form_sessions_person_id_state_idx" ON "form_sessions"("person_id", "state");

-- CreateIndex
CREATE INDEX "form_sessions_state_expires_at_idx" ON "form_sessions"("state", "expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "form_sessions_form_id_person_id_subject_id_key" ON "form_sessions"("form_id", "person_id", "subject_id");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_messages_idempotency_key_key" ON "outbox_messages"("idempotency_key");

-- CreateIndex
CREATE INDEX "outbox_messages_state_next_attempt_at_idx" ON "outbox_messages"("state", "next_attempt_at");

-- CreateIndex
CREATE INDEX "outbox_messages_request_id_idx" ON "outbox_messages"("request_id");

-- CreateIndex
CREATE INDEX "outbox_messages_person_id_idx" ON "outbox_messages"("person_id");

-- CreateIndex
CREATE UNIQUE INDEX "digest_channels_platform_workspace_id_channel_id_key" ON "digest_channels"("platform", "workspace_id", "channel_id");

-- CreateIndex
CREATE UNIQUE INDEX "digest_runs_digest_channel_id_iso_week_key" ON "digest_runs"("digest_channel_id", "iso_week");

-- CreateIndex
CREATE INDEX "processed_events_received_at_idx" ON "processed_events"("received_at");

-- CreateIndex
CREATE INDEX "scheduled_runs_expires_at_idx" ON "scheduled_runs"("expires_at");

-- CreateIndex
CREATE INDEX "audit_entries_person_id_idx" ON "audit_entries"("person_id");

-- CreateIndex
CREATE INDEX "audit_entries_subject_type_subject_id_idx" ON "audit_entries"("subject_type", "subject_id");

-- CreateIndex
CREATE INDEX "audit_entries_at_idx" ON "audit_entries"("at");

-- AddForeignKey
ALTER TABLE "units" ADD CONSTRAINT "units_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "platform_identities" ADD CONSTRAINT "platform_identities_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alumnus_profiles" ADD CONSTRAINT "alumnus_profiles_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alumnus_programmes" ADD CONSTRAINT "alumnus_programmes_profile_id_fkey" FOREIGN KEY ("profile_id") REFERENCES "alumnus_profiles"("person_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alumnus_programmes" ADD CONSTRAINT "alumnus_programmes_programme_id_fkey" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consents" ADD CONSTRAINT "consents_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "requests" ADD CONSTRAINT "requests_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "requests" ADD CONSTRAINT "requests_programme_id_fkey" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "requests" ADD CONSTRAINT "requests_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "form_sessions" ADD CONSTRAINT "form_sessions_form_id_fkey" FOREIGN KEY ("form_id") REFERENCES "form_definitions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "form_sessions" ADD CONSTRAINT "form_sessions_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "digest_channels" ADD CONSTRAINT "digest_channels_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "digest_runs" ADD CONSTRAINT "digest_runs_digest_channel_id_fkey" FOREIGN KEY ("digest_channel_id") REFERENCES "digest_channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;
