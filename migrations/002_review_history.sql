-- 002: each weekly review's flags, so the next review can say what got better since.
-- Only reviews of "today" are kept (an --as-of look into the past changes nothing).

CREATE TABLE reviews (
  id    INTEGER PRIMARY KEY,
  as_of INTEGER NOT NULL UNIQUE
) STRICT;

CREATE TABLE review_flags (
  review_id  INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  signal     TEXT NOT NULL,
  severity   TEXT NOT NULL CHECK (severity IN ('low','medium','high')),
  PRIMARY KEY (review_id, contact_id, signal)
) STRICT, WITHOUT ROWID;
