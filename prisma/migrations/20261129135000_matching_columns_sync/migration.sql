-- alumni_sync_matching_columns computes the matching columns only for people who have a
-- profile (an import writes consents before profiles, and those people have none yet).
--
-- Function bodies are E'' strings with \073 for the semicolon: the migration runner on a
-- PostgreSQL server (Prisma's pg driver adapter) splits scripts at every semicolon, even inside
-- dollar quotes.
CREATE OR REPLACE FUNCTION alumni_sync_matching_columns(ids uuid[]) RETURNS void
LANGUAGE plpgsql AS E'
BEGIN
  PERFORM 1 FROM people WHERE id = ANY (ids) ORDER BY id FOR NO KEY UPDATE\073
  UPDATE alumnus_profiles ap
  SET consented_types = s.consented, programme_ids = s.programmes
  FROM (
    SELECT p.person_id,
      coalesce((SELECT c.purposes FROM consents c WHERE c.person_id = p.person_id AND c.withdrawn_at IS NULL
                ORDER BY c.given_at DESC, c.id DESC LIMIT 1), ''{}'') AS consented,
      coalesce((SELECT array_agg(DISTINCT l.programme_id ORDER BY l.programme_id) FROM alumnus_programmes l
                WHERE l.profile_id = p.person_id), ''{}'') AS programmes
    FROM alumnus_profiles p
    WHERE p.person_id = ANY (ids)
  ) s
  WHERE ap.person_id = s.person_id
    AND (ap.consented_types IS DISTINCT FROM s.consented OR ap.programme_ids IS DISTINCT FROM s.programmes)\073
END ';
