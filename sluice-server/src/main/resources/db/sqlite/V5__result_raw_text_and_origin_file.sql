-- Failed rows that can be fixed and sent again (issue 12).

-- raw: for a malformed_row only, the record as written (a CSV record's physical lines, an NDJSON
-- line), at most the record-size limit; NULL for every other row.
ALTER TABLE _sluice_results ADD COLUMN raw TEXT;
-- origin_file: the name of the file a row first came from, when a fixed failed-rows file sent to
-- retry names it in its _file column; NULL for a row of the job's own file.
ALTER TABLE _sluice_results ADD COLUMN origin_file TEXT;
