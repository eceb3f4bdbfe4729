-- AlterTable
ALTER TABLE "alumnus_profiles" ADD COLUMN     "consented_types" "RequestType"[] DEFAULT ARRAY[]::"RequestType"[],
ADD COLUMN     "programme_ids" UUID[] DEFAULT ARRAY[]::UUID[];

-- CreateIndex
CREATE INDEX "alumnus_profiles_consented_types_idx" ON "alumnus_profiles" USING GIN ("consented_types");

-- CreateIndex
CREATE INDEX "alumnus_profiles_programme_ids_idx" ON "alumnus_profiles" USING GIN ("programme_ids");

-- Backfill from the current consents and the programme links
UPDATE "alumnus_profiles" ap SET "consented_types" = c.purposes
FROM (SELECT DISTINCT ON (person_id) person_id, purposes FROM "consents" WHERE withdrawn_at IS NULL ORDER BY person_id, given_at DESC) c
WHERE c.person_id = ap.person_id;
UPDATE "alumnus_profiles" ap SET "programme_ids" = p.ids
FROM (SELECT profile_id, array_agg(programme_id ORDER BY programme_id) AS ids FROM "alumnus_programmes" GROUP BY profile_id) p
WHERE p.profile_id = ap.person_id;
