-- The matching columns of alumnus_profiles (consented_types, programme_ids) are kept in step
-- with their sources (consents, alumnus_programmes) by the database itself, so no writer can
-- forget them or write them wrong. Every change takes the person's lock (the people row, FOR NO
-- KEY UPDATE, ascending id: the same lock the matching takes before asking someone), so a
-- profile saved at the same moment as a consent always ends with the consent's purposes.
--
-- Function bodies are E'' strings with \073 for the semicolon: the migration runner on a
-- PostgreSQL server (Prisma's pg driver adapter) splits scripts at every semicolon, even inside
-- dollar quotes.

-- Recomputes both columns for these people (only rows that differ are written).
CREATE FUNCTION alumni_sync_matching_columns(ids uuid[]) RETURNS void
LANGUAGE plpgsql AS E'
BEGIN
  PERFORM 1 FROM people WHERE id = ANY (ids) ORDER BY id FOR NO KEY UPDATE\073
  UPDATE alumnus_profiles ap
  SET consented_types = s.consented, programme_ids = s.programmes
  FROM (
    SELECT x.id,
      coalesce((SELECT c.purposes FROM consents c WHERE c.person_id = x.id AND c.withdrawn_at IS NULL
                ORDER BY c.given_at DESC, c.id DESC LIMIT 1), ''{}'') AS consented,
      coalesce((SELECT array_agg(DISTINCT p.programme_id ORDER BY p.programme_id) FROM alumnus_programmes p
                WHERE p.profile_id = x.id), ''{}'') AS programmes
    FROM unnest(ids) AS x(id)
  ) s
  WHERE ap.person_id = s.id
    AND (ap.consented_types IS DISTINCT FROM s.consented OR ap.programme_ids IS DISTINCT FROM s.programmes)\073
END ';

-- A profile written directly (insert, or an update of the columns) gets the true values.
-- Writes made by alumni_sync_matching_columns itself (trigger depth > 1) are already right.
CREATE FUNCTION alumni_profile_matching_columns() RETURNS trigger
LANGUAGE plpgsql AS E'
BEGIN
  IF pg_trigger_depth() > 1 THEN
    RETURN NEW\073
  END IF\073
  PERFORM 1 FROM people WHERE id = NEW.person_id FOR NO KEY UPDATE\073
  NEW.consented_types := coalesce((SELECT c.purposes FROM consents c WHERE c.person_id = NEW.person_id AND c.withdrawn_at IS NULL
                                   ORDER BY c.given_at DESC, c.id DESC LIMIT 1), ''{}'')\073
  NEW.programme_ids := coalesce((SELECT array_agg(DISTINCT p.programme_id ORDER BY p.programme_id) FROM alumnus_programmes p
                                 WHERE p.profile_id = NEW.person_id), ''{}'')\073
  RETURN NEW\073
END ';

CREATE TRIGGER alumnus_profiles_matching_columns
BEFORE INSERT OR UPDATE OF consented_types, programme_ids ON alumnus_profiles
FOR EACH ROW EXECUTE FUNCTION alumni_profile_matching_columns();

-- Consents: any insert, update or delete re-derives consented_types for the people concerned.
CREATE FUNCTION alumni_consents_changed() RETURNS trigger
LANGUAGE plpgsql AS E'
DECLARE
  ids uuid[]\073
BEGIN
  IF TG_OP = ''INSERT'' THEN
    SELECT array_agg(DISTINCT person_id) INTO ids FROM new_rows\073
  ELSIF TG_OP = ''DELETE'' THEN
    SELECT array_agg(DISTINCT person_id) INTO ids FROM old_rows\073
  ELSE
    SELECT array_agg(DISTINCT person_id) INTO ids FROM (SELECT person_id FROM new_rows UNION SELECT person_id FROM old_rows) changed\073
  END IF\073
  IF ids IS NOT NULL THEN
    PERFORM alumni_sync_matching_columns(ids)\073
  END IF\073
  RETURN NULL\073
END ';

CREATE TRIGGER consents_matching_insert AFTER INSERT ON consents
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION alumni_consents_changed();
CREATE TRIGGER consents_matching_update AFTER UPDATE ON consents
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION alumni_consents_changed();
CREATE TRIGGER consents_matching_delete AFTER DELETE ON consents
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION alumni_consents_changed();

-- Programme links: the same for programme_ids.
CREATE FUNCTION alumni_programmes_changed() RETURNS trigger
LANGUAGE plpgsql AS E'
DECLARE
  ids uuid[]\073
BEGIN
  IF TG_OP = ''INSERT'' THEN
    SELECT array_agg(DISTINCT profile_id) INTO ids FROM new_rows\073
  ELSIF TG_OP = ''DELETE'' THEN
    SELECT array_agg(DISTINCT profile_id) INTO ids FROM old_rows\073
  ELSE
    SELECT array_agg(DISTINCT profile_id) INTO ids FROM (SELECT profile_id FROM new_rows UNION SELECT profile_id FROM old_rows) changed\073
  END IF\073
  IF ids IS NOT NULL THEN
    PERFORM alumni_sync_matching_columns(ids)\073
  END IF\073
  RETURN NULL\073
END ';

CREATE TRIGGER alumnus_programmes_matching_insert AFTER INSERT ON alumnus_programmes
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION alumni_programmes_changed();
CREATE TRIGGER alumnus_programmes_matching_update AFTER UPDATE ON alumnus_programmes
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION alumni_programmes_changed();
CREATE TRIGGER alumnus_programmes_matching_delete AFTER DELETE ON alumnus_programmes
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION alumni_programmes_changed();

-- Bring existing rows in line once.
SELECT alumni_sync_matching_columns(array_agg(person_id)) FROM alumnus_profiles;
