-- Function bodies are E'' strings with \073 for the semicolon: the migration runner on a
-- PostgreSQL server (Prisma's pg driver adapter) splits scripts at every semicolon, even inside
-- dollar quotes.

-- A new profile has no programme links yet (they reference it), so it starts with none, and only
-- its consented kinds need looking up.
CREATE OR REPLACE FUNCTION alumni_profile_matching_columns() RETURNS trigger
LANGUAGE plpgsql AS E'
BEGIN
  IF pg_trigger_depth() > 1 THEN
    RETURN NEW\073
  END IF\073
  PERFORM 1 FROM people WHERE id = NEW.person_id FOR NO KEY UPDATE\073
  NEW.consented_types := coalesce((SELECT c.purposes FROM consents c WHERE c.person_id = NEW.person_id AND c.withdrawn_at IS NULL
                                   ORDER BY c.given_at DESC, c.id DESC LIMIT 1), ''{}'')\073
  IF TG_OP = ''INSERT'' THEN
    NEW.programme_ids := ''{}''\073
  ELSE
    NEW.programme_ids := coalesce((SELECT array_agg(DISTINCT p.programme_id ORDER BY p.programme_id) FROM alumnus_programmes p
                                   WHERE p.profile_id = NEW.person_id), ''{}'')\073
  END IF\073
  RETURN NEW\073
END ';
