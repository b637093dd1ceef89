-- How each file is read once decided from its options and its first bytes (docs/inference.md
-- "In import jobs"): JSON {delimiter, quote, header, encoding, detected[, columns]}, written when
-- reading starts so that a resumed run reads the file the same way; NULL until then.
ALTER TABLE _sluice_files ADD COLUMN read_dialect TEXT;
