-- 006: a summary of each contact's touches, one row per contact with any, kept up to date by
-- triggers on every write to interaction_contacts.
--
-- Why: the reports read each contact's look-back window (src/store/facts.ts), but a few facts
-- reach past it: the first touch ever, the latest touch that reached them, the latest in-person
-- meeting, the latest business, whether they ever started a conversation, and the latest days in
-- touch the rhythm learns from. Before this table each was an index seek per contact (a quarter
-- of the review of a large journal). Kept on write, they are one row per contact, read with the
-- contacts themselves.
--
-- The extremes are over every touch, whatever its day. The reports look at one day (`--as-of`),
-- so a value after that day says only that the day's answer is older: the store then seeks it
-- as before (see src/store/facts.ts). `first_on` and `first_others` answer any day.
--
-- Columns (touch_bits as in 004: 1 no reply, 4|8 started by them or both, 1024 in person,
-- 2048 business):
--   first_on, last_on    earliest and latest touch of any kind
--   touches              participant rows
--   last_reached         latest touch that reached them (no-reply bit clear)
--   last_in_person       latest in-person touch that reached them
--   last_business        latest touch with business given or received
--   first_others         earliest touch started by them or by both
--   reached_days         the latest 16 distinct days of touches that reached them, as decimal day
--                        numbers joined by commas ('' for none), in no promised order: an ORDER BY
--                        inside group_concat needs SQLite 3.44, and trigger bodies are part of the
--                        schema every program that opens the file must parse (the sqlite3 shell
--                        of a distribution included; rel's STRICT tables already need 3.37)
--
-- No foreign key: a contact deleted with its touches loses its row through the delete trigger
-- (its last participant row gone), whatever order SQLite runs the cascades in.

CREATE TABLE contact_summary (
  contact_id     INTEGER PRIMARY KEY,
  first_on       INTEGER NOT NULL,
  last_on        INTEGER NOT NULL,
  touches        INTEGER NOT NULL,
  last_reached   INTEGER,
  last_in_person INTEGER,
  last_business  INTEGER,
  first_others   INTEGER,
  reached_days   TEXT NOT NULL
) STRICT;

INSERT INTO contact_summary (contact_id, first_on, last_on, touches, last_reached, last_in_person, last_business, first_others, reached_days)
  SELECT ic.contact_id, min(ic.on_day), max(ic.on_day), count(*),
    max(CASE WHEN (ic.touch_bits & 1) = 0 THEN ic.on_day END),
    max(CASE WHEN (ic.touch_bits & 1025) = 1024 THEN ic.on_day END),
    max(CASE WHEN (ic.touch_bits & 2048) <> 0 THEN ic.on_day END),
    min(CASE WHEN (ic.touch_bits & 12) <> 0 THEN ic.on_day END),
    coalesce((SELECT group_concat(d, ',') FROM (SELECT DISTINCT r.on_day AS d FROM interaction_contacts r
      WHERE r.contact_id = ic.contact_id AND (r.touch_bits & 1) = 0 ORDER BY r.on_day DESC LIMIT 16)), '')
  FROM interaction_contacts ic GROUP BY ic.contact_id;

-- A new touch moves the extremes it beats. (SQLite's two-argument max and min give NULL when
-- either side is NULL, hence the coalesce pairs.)
CREATE TRIGGER contact_summary_insert AFTER INSERT ON interaction_contacts
BEGIN
  INSERT INTO contact_summary (contact_id, first_on, last_on, touches, last_reached, last_in_person, last_business, first_others, reached_days)
  VALUES (NEW.contact_id, NEW.on_day, NEW.on_day, 1,
    CASE WHEN (NEW.touch_bits & 1) = 0 THEN NEW.on_day END,
    CASE WHEN (NEW.touch_bits & 1025) = 1024 THEN NEW.on_day END,
    CASE WHEN (NEW.touch_bits & 2048) <> 0 THEN NEW.on_day END,
    CASE WHEN (NEW.touch_bits & 12) <> 0 THEN NEW.on_day END,
    CASE WHEN (NEW.touch_bits & 1) = 0 THEN CAST(NEW.on_day AS TEXT) ELSE '' END)
  ON CONFLICT (contact_id) DO UPDATE SET
    first_on = min(first_on, excluded.first_on),
    last_on = max(last_on, excluded.last_on),
    touches = touches + 1,
    last_reached = max(coalesce(last_reached, excluded.last_reached), coalesce(excluded.last_reached, last_reached)),
    last_in_person = max(coalesce(last_in_person, excluded.last_in_person), coalesce(excluded.last_in_person, last_in_person)),
    last_business = max(coalesce(last_business, excluded.last_business), coalesce(excluded.last_business, last_business)),
    first_others = min(coalesce(first_others, excluded.first_others), coalesce(excluded.first_others, first_others)),
    reached_days = CASE WHEN excluded.last_reached IS NULL THEN reached_days
      ELSE coalesce((SELECT group_concat(d, ',') FROM (SELECT DISTINCT r.on_day AS d FROM interaction_contacts r
        WHERE r.contact_id = excluded.contact_id AND (r.touch_bits & 1) = 0 ORDER BY r.on_day DESC LIMIT 16)), '') END;
END;

-- A touch gone: each extreme it may have been is sought again (an index seek), the rest stay.
-- The row goes with the contact's last touch.
CREATE TRIGGER contact_summary_delete AFTER DELETE ON interaction_contacts
BEGIN
  UPDATE contact_summary SET
    touches = touches - 1,
    first_on = CASE WHEN OLD.on_day <= first_on
      THEN coalesce((SELECT min(r.on_day) FROM interaction_contacts r WHERE r.contact_id = OLD.contact_id), first_on) ELSE first_on END,
    last_on = CASE WHEN OLD.on_day >= last_on
      THEN coalesce((SELECT max(r.on_day) FROM interaction_contacts r WHERE r.contact_id = OLD.contact_id), last_on) ELSE last_on END,
    last_reached = CASE WHEN OLD.on_day >= last_reached THEN (SELECT r.on_day FROM interaction_contacts r
      WHERE r.contact_id = OLD.contact_id AND (r.touch_bits & 1) = 0 ORDER BY r.on_day DESC LIMIT 1) ELSE last_reached END,
    last_in_person = CASE WHEN OLD.on_day >= last_in_person THEN (SELECT r.on_day FROM interaction_contacts r
      WHERE r.contact_id = OLD.contact_id AND (r.touch_bits & 1025) = 1024 ORDER BY r.on_day DESC LIMIT 1) ELSE last_in_person END,
    last_business = CASE WHEN OLD.on_day >= last_business THEN (SELECT r.on_day FROM interaction_contacts r
      WHERE r.contact_id = OLD.contact_id AND (r.touch_bits & 2048) <> 0 ORDER BY r.on_day DESC LIMIT 1) ELSE last_business END,
    first_others = CASE WHEN OLD.on_day <= first_others THEN (SELECT r.on_day FROM interaction_contacts r
      WHERE r.contact_id = OLD.contact_id AND (r.touch_bits & 12) <> 0 ORDER BY r.on_day LIMIT 1) ELSE first_others END,
    reached_days = CASE WHEN (OLD.touch_bits & 1) = 0
      THEN coalesce((SELECT group_concat(d, ',') FROM (SELECT DISTINCT r.on_day AS d FROM interaction_contacts r
        WHERE r.contact_id = OLD.contact_id AND (r.touch_bits & 1) = 0 ORDER BY r.on_day DESC LIMIT 16)), '') ELSE reached_days END
  WHERE contact_id = OLD.contact_id;
  DELETE FROM contact_summary WHERE contact_id = OLD.contact_id AND touches <= 0;
END;

-- A touch changed (its day follows its interaction's: 003's trigger): the contacts it was and
-- is on are summed up again from their touches.
CREATE TRIGGER contact_summary_update AFTER UPDATE ON interaction_contacts
BEGIN
  DELETE FROM contact_summary WHERE contact_id IN (OLD.contact_id, NEW.contact_id);
  INSERT INTO contact_summary (contact_id, first_on, last_on, touches, last_reached, last_in_person, last_business, first_others, reached_days)
    SELECT ic.contact_id, min(ic.on_day), max(ic.on_day), count(*),
      max(CASE WHEN (ic.touch_bits & 1) = 0 THEN ic.on_day END),
      max(CASE WHEN (ic.touch_bits & 1025) = 1024 THEN ic.on_day END),
      max(CASE WHEN (ic.touch_bits & 2048) <> 0 THEN ic.on_day END),
      min(CASE WHEN (ic.touch_bits & 12) <> 0 THEN ic.on_day END),
      coalesce((SELECT group_concat(d, ',') FROM (SELECT DISTINCT r.on_day AS d FROM interaction_contacts r
        WHERE r.contact_id = ic.contact_id AND (r.touch_bits & 1) = 0 ORDER BY r.on_day DESC LIMIT 16)), '')
    FROM interaction_contacts ic WHERE ic.contact_id IN (OLD.contact_id, NEW.contact_id) GROUP BY ic.contact_id;
END;
