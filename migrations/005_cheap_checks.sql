-- 005: the same vocabulary CHECKs, written so they cost nothing per row.
--
-- Why: SQLite evaluates `x IN ('a','b','c', ...)` (three or more constants) in a CHECK by building
-- a temporary b-tree of the list every time a row is written. An interaction's four such lists
-- took 70% of the time of inserting it (about 5 of 7 microseconds; bench/README.md, "Import"),
-- which held `rel import` near 40,000 interactions a second.
-- `x = 'a' OR x = 'b' OR ...` accepts and refuses exactly the same values (NULL included) and
-- compares in place. Lists of two (`IN ('me','them')`, `IN (0,1)`) are already compared in place.
--
-- SQLite cannot change a CHECK in place, so each table with such a list is rebuilt: new table,
-- copy every row (ids kept), drop the old, rename (the procedure of sqlite.org/lang_altertable.html).
-- The migration runner turns foreign keys off around it (a DROP would otherwise cascade) and
-- checks them before committing. Indexes and the trigger on interactions go with their table
-- and are made again as they were.

CREATE TABLE contacts_v5 (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  -- NFC + Unicode case fold of name: SQLite's NOCASE folds ASCII only.
  name_key     TEXT NOT NULL UNIQUE,
  org          TEXT,
  role         TEXT,
  circle       TEXT NOT NULL DEFAULT 'other'
               CHECK (circle = 'client' OR circle = 'prospect' OR circle = 'partner' OR circle = 'colleague'
                 OR circle = 'mentor' OR circle = 'mentee' OR circle = 'friend' OR circle = 'family' OR circle = 'other'),
  cadence_days INTEGER CHECK (cadence_days IS NULL OR cadence_days >= 1),
  stage        INTEGER NOT NULL DEFAULT 0 CHECK (stage BETWEEN 0 AND 5),
  met_on       INTEGER,
  how_met      TEXT,
  notes        TEXT NOT NULL DEFAULT '',
  status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','ended')),
  ended_on     INTEGER,
  end_note     TEXT,
  added_on     INTEGER NOT NULL
) STRICT;
INSERT INTO contacts_v5 (id, name, name_key, org, role, circle, cadence_days, stage, met_on, how_met, notes, status,
    ended_on, end_note, added_on)
  SELECT id, name, name_key, org, role, circle, cadence_days, stage, met_on, how_met, notes, status,
    ended_on, end_note, added_on FROM contacts;
DROP TABLE contacts;
ALTER TABLE contacts_v5 RENAME TO contacts;

CREATE TABLE contact_items_v5 (
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind = 'alias' OR kind = 'email' OR kind = 'tag' OR kind = 'need' OR kind = 'offer'
               OR kind = 'interest'),
  position   INTEGER NOT NULL,
  value      TEXT NOT NULL,
  -- folded like name_key; used for alias and tag matching
  value_key  TEXT NOT NULL,
  PRIMARY KEY (contact_id, kind, position)
) STRICT, WITHOUT ROWID;
INSERT INTO contact_items_v5 (contact_id, kind, position, value, value_key)
  SELECT contact_id, kind, position, value, value_key FROM contact_items;
DROP TABLE contact_items;
ALTER TABLE contact_items_v5 RENAME TO contact_items;
-- serves: name matching by alias (exact and prefix), `rel list --tag`
CREATE INDEX contact_items_by_key ON contact_items (kind, value_key);

CREATE TABLE interactions_v5 (
  id           INTEGER PRIMARY KEY,
  on_day       INTEGER NOT NULL,
  channel      TEXT NOT NULL CHECK (channel = 'in-person' OR channel = 'call' OR channel = 'video' OR channel = 'email'
                 OR channel = 'message' OR channel = 'social' OR channel = 'event'),
  initiated_by TEXT NOT NULL CHECK (initiated_by = 'me' OR initiated_by = 'them' OR initiated_by = 'mutual'),
  outside_work INTEGER NOT NULL CHECK (outside_work IN (0,1)),
  tone         TEXT NOT NULL CHECK (tone = 'warm' OR tone = 'neutral' OR tone = 'cool'),
  push_kind    TEXT CHECK (push_kind IS NULL OR push_kind = 'snide' OR push_kind = 'hostile' OR push_kind = 'distancing'
                 OR push_kind = 'late' OR push_kind = 'cancelled' OR push_kind = 'cut-off'),
  push_note    TEXT,
  no_reply     INTEGER NOT NULL CHECK (no_reply IN (0,1)),
  note         TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO interactions_v5 (id, on_day, channel, initiated_by, outside_work, tone, push_kind, push_note, no_reply, note)
  SELECT id, on_day, channel, initiated_by, outside_work, tone, push_kind, push_note, no_reply, note FROM interactions;
DROP TABLE interactions;
ALTER TABLE interactions_v5 RENAME TO interactions;
-- serves: export order (on, insertion order), --as-of cut-offs
CREATE INDEX interactions_by_day ON interactions (on_day, id);
-- as in 004: a participant row's copy of the day follows its interaction's
CREATE TRIGGER interactions_day_follows AFTER UPDATE OF on_day ON interactions
BEGIN
  UPDATE interaction_contacts SET on_day = NEW.on_day WHERE interaction_id = NEW.id;
END;

CREATE TABLE exchanges_v5 (
  interaction_id INTEGER NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
  direction      TEXT NOT NULL CHECK (direction IN ('gave','got')),
  position       INTEGER NOT NULL,
  kind           TEXT NOT NULL CHECK (kind = 'intro' OR kind = 'referral' OR kind = 'resource' OR kind = 'review'
                   OR kind = 'advice' OR kind = 'favor' OR kind = 'gift' OR kind = 'business' OR kind = 'support'
                   OR kind = 'other'),
  note           TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (interaction_id, direction, position)
) STRICT, WITHOUT ROWID;
INSERT INTO exchanges_v5 (interaction_id, direction, position, kind, note)
  SELECT interaction_id, direction, position, kind, note FROM exchanges;
DROP TABLE exchanges;
ALTER TABLE exchanges_v5 RENAME TO exchanges;

CREATE TABLE review_flags_v5 (
  review_id  INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  signal     TEXT NOT NULL,
  severity   TEXT NOT NULL CHECK (severity = 'low' OR severity = 'medium' OR severity = 'high'),
  PRIMARY KEY (review_id, contact_id, signal)
) STRICT, WITHOUT ROWID;
INSERT INTO review_flags_v5 (review_id, contact_id, signal, severity)
  SELECT review_id, contact_id, signal, severity FROM review_flags;
DROP TABLE review_flags;
ALTER TABLE review_flags_v5 RENAME TO review_flags;
