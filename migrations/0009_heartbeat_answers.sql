-- Heartbeat throughput, continued (docs/performance.md): the answer replayed to a heartbeat's
-- retry is the JSON text the server sent. Kept as text it is stored and read back as it is;
-- as jsonb the database parsed it on every heartbeat and the server rebuilt it from a tree.
alter table play_sessions alter column last_answer type text using last_answer::text;
