-- 003: each interaction's day copied onto its participant rows, indexed by (contact, day), so
-- one contact's history is an index range instead of a join over every interaction:
-- serves `rel show` (timeline, activity strip, first/last contact), the contact's own date
-- (first interaction) for every contact in the reports and export, and `rel list`.

CREATE TABLE interaction_contacts_v3 (
  interaction_id INTEGER NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
  contact_id     INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  position       INTEGER NOT NULL,
  on_day         INTEGER NOT NULL,
  PRIMARY KEY (interaction_id, position),
  UNIQUE (interaction_id, contact_id)
) STRICT, WITHOUT ROWID;

INSERT INTO interaction_contacts_v3 (interaction_id, contact_id, position, on_day)
  SELECT ic.interaction_id, ic.contact_id, ic.position, i.on_day
  FROM interaction_contacts ic JOIN interactions i ON i.id = ic.interaction_id;

DROP TABLE interaction_contacts;
ALTER TABLE interaction_contacts_v3 RENAME TO interaction_contacts;

-- serves: show's timeline and activity, first/last contact per contact (min/max), list
CREATE INDEX interaction_contacts_by_contact_day ON interaction_contacts (contact_id, on_day, interaction_id);

-- The copy must never drift from the interaction it came from.
CREATE TRIGGER interactions_day_follows AFTER UPDATE OF on_day ON interactions
BEGIN
  UPDATE interaction_contacts SET on_day = NEW.on_day WHERE interaction_id = NEW.id;
END;
