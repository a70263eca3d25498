SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';
SET timezone = 'UTC';
SET extra_float_digits = 1;
SET bytea_output = 'hex';
SET row_security = off;
SELECT pg_encoding_to_char(encoding) AS rs_encoding FROM pg_database WHERE datname = current_database() \gset
\echo '#' 'readystack-counts v1' 'encoding' :rs_encoding
-- One line per user table: table <TAB> schema.name <TAB> rows <TAB> checksum. The checksum is an
-- order-independent sum of per-row md5 values (streams, no sort, no collation dependence).
SELECT format(
  $q$SELECT 'table', %L, count(*), md5(coalesce(sum(('x' || substr(h, 1, 16))::bit(64)::bigint::numeric), 0)::text || ':' || coalesce(sum(('x' || substr(h, 17, 16))::bit(64)::bigint::numeric), 0)::text) FROM (SELECT md5(ROW(rs_t.*)::text) AS h FROM %I.%I AS rs_t) AS rs_s$q$,
  format('%I.%I', n.nspname, c.relname), n.nspname, c.relname)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r' AND c.relpersistence <> 't'
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C" \gexec
-- Large objects: count always; content checksum only when pg_largeobject is readable (superuser).
SELECT has_table_privilege('pg_catalog.pg_largeobject', 'SELECT') AS rs_lo_readable \gset
\if :rs_lo_readable
SELECT 'large_objects', '-', count(*), md5(coalesce(sum(('x' || substr(h, 1, 16))::bit(64)::bigint::numeric), 0)::text || ':' || coalesce(sum(('x' || substr(h, 17, 16))::bit(64)::bigint::numeric), 0)::text)
FROM (SELECT md5(m.oid::text || ':' || md5(lo_get(m.oid))) AS h FROM pg_catalog.pg_largeobject_metadata m) AS rs_s;
\else
SELECT 'large_objects', '-', count(*), '-' FROM pg_catalog.pg_largeobject_metadata;
\endif
