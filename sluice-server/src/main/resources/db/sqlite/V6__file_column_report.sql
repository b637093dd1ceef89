-- Column mapping (issue 12): what an import decided about a file's source columns, as JSON
-- {"columns": [{"source", "field", "matched_by"}], "unmapped_columns": [...]}; NULL until the
-- reader has seen the header (CSV, TSV) or the first chunk (JSON).
ALTER TABLE _sluice_files ADD COLUMN column_report TEXT;
