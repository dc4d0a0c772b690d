-- The journal's anchor (pos/store/journal_anchor.py) asks which keys signed the journal
-- after every hundred entries and at sign-in. Without an index that read every entry: at
-- a million entries (a busy store's few years) 0.8 s on the till's window each time. With
-- these, the keys are found by skipping from one key to the next (a handful of index
-- searches) and the handovers by their own small index.

CREATE INDEX "journal_entry_signer" ON "journal_entry" ("key_id", "seq");

CREATE INDEX "journal_entry_handover" ON "journal_entry" ("seq") WHERE "kind" = 'key_handover';
