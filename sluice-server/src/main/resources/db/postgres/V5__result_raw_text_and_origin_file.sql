-- Failed rows that can be fixed and sent again (mirrors db/sqlite/V5).

-- raw: for a malformed_row only, the record as written, at most the record-size limit.
ALTER TABLE _sluice_results ADD COLUMN raw TEXT;
-- origin_file: the file a row first came from, when a fixed failed-rows file names it in _file.
ALTER TABLE _sluice_results ADD COLUMN origin_file TEXT;
