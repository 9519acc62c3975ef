-- 001: the journal. Dates are INTEGER day numbers (days since 1970-01-01; see src/domain/dates.ts):
-- plain calendar days that compare, subtract and index cheaply and never shift with the time zone.
-- Vocabulary CHECKs mirror src/domain/vocab.ts so a bad word can never reach the file.

CREATE TABLE contacts (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  -- NFC + Unicode case fold of name: SQLite's NOCASE folds ASCII only.
  name_key     TEXT NOT NULL UNIQUE,
  org          TEXT,
  role         TEXT,
  circle       TEXT NOT NULL DEFAULT 'other'
               CHECK (circle IN ('client','prospect','partner','colleague','mentor','mentee','friend','family','other')),
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

-- Aliases, emails, tags, needs, offers and interests: ordered lists per contact.
CREATE TABLE contact_items (
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('alias','email','tag','need','offer','interest')),
  position   INTEGER NOT NULL,
  value      TEXT NOT NULL,
  -- folded like name_key; used for alias and tag matching
  value_key  TEXT NOT NULL,
  PRIMARY KEY (contact_id, kind, position)
) STRICT, WITHOUT ROWID;
-- serves: name matching by alias (exact and prefix), `rel list --tag`
CREATE INDEX contact_items_by_key ON contact_items (kind, value_key);

-- on IS NULL: "as of the contact's own date" (a --stage given to add), which is the met-on date,
-- else the first interaction, else the day added; it moves when history is back-filled.
CREATE TABLE stage_changes (
  id         INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  stage      INTEGER NOT NULL CHECK (stage BETWEEN 0 AND 5),
  on_day     INTEGER,
  note       TEXT NOT NULL DEFAULT ''
) STRICT;
-- serves: a contact's stage history in order (show, export, stage-stalled)
CREATE INDEX stage_changes_by_contact ON stage_changes (contact_id, on_day);

CREATE TABLE interactions (
  id           INTEGER PRIMARY KEY,
  on_day       INTEGER NOT NULL,
  channel      TEXT NOT NULL CHECK (channel IN ('in-person','call','video','email','message','social','event')),
  initiated_by TEXT NOT NULL CHECK (initiated_by IN ('me','them','mutual')),
  outside_work INTEGER NOT NULL CHECK (outside_work IN (0,1)),
  tone         TEXT NOT NULL CHECK (tone IN ('warm','neutral','cool')),
  push_kind    TEXT CHECK (push_kind IS NULL OR push_kind IN ('snide','hostile','distancing','late','cancelled','cut-off')),
  push_note    TEXT,
  no_reply     INTEGER NOT NULL CHECK (no_reply IN (0,1)),
  note         TEXT NOT NULL DEFAULT ''
) STRICT;
-- serves: export order (on, insertion order), --as-of cut-offs
CREATE INDEX interactions_by_day ON interactions (on_day, id);

CREATE TABLE interaction_contacts (
  interaction_id INTEGER NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
  contact_id     INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  position       INTEGER NOT NULL,
  PRIMARY KEY (interaction_id, position),
  UNIQUE (interaction_id, contact_id)
) STRICT, WITHOUT ROWID;
-- serves: a contact's timeline (show) and the reports' per-contact history in one ordered scan
CREATE INDEX interaction_contacts_by_contact ON interaction_contacts (contact_id, interaction_id);

-- What I gave and what I got in an interaction.
CREATE TABLE exchanges (
  interaction_id INTEGER NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
  direction      TEXT NOT NULL CHECK (direction IN ('gave','got')),
  position       INTEGER NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('intro','referral','resource','review','advice','favor','gift','business','support','other')),
  note           TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (interaction_id, direction, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE promises (
  id         INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  made_by    TEXT NOT NULL CHECK (made_by IN ('me','them')),
  text       TEXT NOT NULL,
  made_on    INTEGER NOT NULL,
  due        INTEGER,
  done_on    INTEGER
) STRICT;
-- serves: `rel promises` (open first), overdue-promise, and a contact's promises in show
CREATE INDEX promises_by_contact ON promises (contact_id, made_on);
CREATE INDEX promises_open ON promises (done_on, due);
