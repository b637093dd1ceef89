-- The ETag an S3 object had when its job was submitted (docs/http-api.md "S3 sources"): every read
-- of the file, a resume on another node included, asks for that version with If-Match, so a job never
-- mixes rows of two versions of one object. NULL for uploads and http(s) URLs.
ALTER TABLE _sluice_files ADD COLUMN source_etag TEXT;
