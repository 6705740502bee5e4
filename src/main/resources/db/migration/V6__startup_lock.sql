-- One row that every Kaohe node locks (SELECT ... FOR UPDATE) while it writes its start-up data: models, groups,
-- grants, ready filters, demo users. Two nodes starting together on one database then do it one after the other,
-- and the second finds everything in place instead of inserting a second ready filter (filters have no unique key)
-- or failing on a duplicate grant. Portable between H2 and PostgreSQL.
CREATE TABLE kaohe_startup_lock (
    name VARCHAR(32) NOT NULL PRIMARY KEY
);
INSERT INTO kaohe_startup_lock (name) VALUES ('startup');
