-- 004: participant rows become the reports' table. Each row carries, packed in `touch_bits`,
-- what the review and suggest count about its interaction, plus how many things were given and
-- received in it, and the rows are stored in (contact, day) order. A contact's history is then
-- one contiguous range of one compact b-tree: the reports read per-contact figures (the latest
-- day in touch, who started the recent conversations, ...) inside SQLite instead of handing
-- every interaction to JavaScript (see src/domain/review/facts.ts and src/store/facts.ts).
--
-- touch_bits, one interaction as seen by the reports (src/store/facts.ts, TOUCH_BITS, is the
-- same table in code and writes it for new interactions):
--     1  no reply (logged with --no-reply)
--     2  one-on-one (this contact was the only participant)
--     4  started by them          8  started by both (mutual); neither: by me
--    16  outside work
--    32  warm                    64  cool; neither: neutral
--   128 x push-away kind (bits 7-9): 1 snide, 2 late, 3 distancing, 4 cancelled, 5 hostile, 6 cut-off
--  1024  in person (channel in-person or event)
--  2048  something of kind business given or received
--
-- Interactions are never edited after they are written (only their day, which the trigger
-- follows), so these copies are written once, by the same insert, and cannot drift.
-- It also drops one of the three b-trees per participant, which makes imports faster.

CREATE TABLE interaction_contacts_v4 (
  contact_id     INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  on_day         INTEGER NOT NULL,
  interaction_id INTEGER NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
  position       INTEGER NOT NULL,
  touch_bits     INTEGER NOT NULL,
  gave           INTEGER NOT NULL,
  got            INTEGER NOT NULL,
  -- one row per contact per interaction (the day is the interaction's)
  PRIMARY KEY (contact_id, on_day, interaction_id)
) STRICT, WITHOUT ROWID;

INSERT INTO interaction_contacts_v4 (contact_id, on_day, interaction_id, position, touch_bits, gave, got)
  SELECT ic.contact_id, i.on_day, i.id, ic.position,
    i.no_reply
    | (CASE WHEN (SELECT count(*) FROM interaction_contacts g WHERE g.interaction_id = i.id) = 1 THEN 2 ELSE 0 END)
    | (CASE i.initiated_by WHEN 'them' THEN 4 WHEN 'mutual' THEN 8 ELSE 0 END)
    | (i.outside_work * 16)
    | (CASE i.tone WHEN 'warm' THEN 32 WHEN 'cool' THEN 64 ELSE 0 END)
    | (CASE i.push_kind WHEN 'snide' THEN 128 WHEN 'late' THEN 256 WHEN 'distancing' THEN 384 WHEN 'cancelled' THEN 512
         WHEN 'hostile' THEN 640 WHEN 'cut-off' THEN 768 ELSE 0 END)
    | (CASE WHEN i.channel IN ('in-person', 'event') THEN 1024 ELSE 0 END)
    | (CASE WHEN EXISTS (SELECT 1 FROM exchanges e WHERE e.interaction_id = i.id AND e.kind = 'business') THEN 2048 ELSE 0 END),
    (SELECT count(*) FROM exchanges e WHERE e.interaction_id = i.id AND e.direction = 'gave'),
    (SELECT count(*) FROM exchanges e WHERE e.interaction_id = i.id AND e.direction = 'got')
  FROM interaction_contacts ic JOIN interactions i ON i.id = ic.interaction_id;

-- 003's trigger names the old table: drop it before the swap, recreate it after.
DROP TRIGGER interactions_day_follows;
DROP TABLE interaction_contacts;
ALTER TABLE interaction_contacts_v4 RENAME TO interaction_contacts;

-- serves: an interaction's participants in order (export, show, log output)
CREATE UNIQUE INDEX interaction_contacts_by_interaction ON interaction_contacts (interaction_id, position);

-- The day copy must still follow its interaction.
CREATE TRIGGER interactions_day_follows AFTER UPDATE OF on_day ON interactions
BEGIN
  UPDATE interaction_contacts SET on_day = NEW.on_day WHERE interaction_id = NEW.id;
END;
