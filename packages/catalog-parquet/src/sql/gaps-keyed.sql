-- 事项无遗漏, the keyed part of coverage: powers (权责清单) and services (公共服务事项) of a body that
-- has disclosure catalogs (标准目录, 补充目录), covered by none of the body's disclosure entries
--   by code      (the same code_key),
--   generically  (an entry that names only power types: its cover_types holds the power's cover_type),
--   by item      (one of the power's item_cover_keys is among the entry's cover_cores).
-- What is left also goes through the similarity part of coverage (library, per body: a name at
-- least 0.85 alike covers; the nearest entry is named in the finding). Reads body_groups.
-- UNNEST: DuckDB and Trino as written; Spark SQL: LATERAL VIEW explode(list) t AS k.
WITH member AS (
  SELECT c.catalog_id, c.kind, g.grp FROM catalogs c JOIN body_groups g ON g.catalog_id = c.catalog_id
),
with_sources AS (
  SELECT DISTINCT grp FROM member WHERE kind IN ('standard', 'supplementary')
),
targets AS (
  SELECT m.grp, e.catalog_id, e.position, e.code_key, e.cover_type, e.item_cover_keys
  FROM entries e JOIN member m ON m.catalog_id = e.catalog_id
  WHERE m.kind IN ('power', 'service') AND m.grp IN (SELECT grp FROM with_sources)
),
disclosed AS (
  SELECT m.grp, e.code_key, e.cover_types, e.cover_cores
  FROM entries e JOIN member m ON m.catalog_id = e.catalog_id
  WHERE m.kind IN ('standard', 'supplementary')
),
by_code AS (
  SELECT DISTINCT grp, code_key AS k FROM disclosed WHERE code_key <> ''
),
by_type AS (
  SELECT DISTINCT d.grp, t.k FROM disclosed d CROSS JOIN UNNEST(d.cover_types) AS t(k)
),
by_core AS (
  SELECT DISTINCT d.grp, t.k FROM disclosed d CROSS JOIN UNNEST(d.cover_cores) AS t(k)
),
target_keys AS (
  SELECT x.grp, x.catalog_id, x.position, t.k FROM targets x CROSS JOIN UNNEST(x.item_cover_keys) AS t(k)
),
covered AS (
  SELECT x.catalog_id, x.position FROM targets x JOIN by_code b ON b.grp = x.grp AND b.k = x.code_key
  UNION
  SELECT x.catalog_id, x.position FROM targets x JOIN by_type b ON b.grp = x.grp AND b.k = x.cover_type
  UNION
  SELECT x.catalog_id, x.position FROM target_keys x JOIN by_core b ON b.grp = x.grp AND b.k = x.k
)
SELECT x.grp, x.catalog_id, x.position
FROM targets x
LEFT JOIN covered v ON v.catalog_id = x.catalog_id AND v.position = x.position
WHERE v.catalog_id IS NULL
ORDER BY x.catalog_id, x.position;
