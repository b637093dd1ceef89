-- Records number in _seq in the order they were written (paging in insertion order). The number came
-- from each table's identity, one nextval per row: about a sixth of the server's time in a first load.
-- A writer now takes one number from this sequence per chunk and numbers the chunk's records
-- (number << 20) + ordinal (PostgresMerge.NEXT_CHUNK_NUMBER). Starting at 2^20, the first chunk's
-- records (2^40 and up) follow every number a table's identity gave before.
CREATE SEQUENCE _sluice_record_chunks START WITH 1048576;
