-- 梳理不重复, exact duplicates (duplicate-exact): entries of one body and one pool (标准目录 and
-- 补充目录 together; 权责清单; 公共服务事项) with the same path_key. Reads body_groups (bodies-*.sql).
-- Output: one row per entry of each duplicate set, the set named by its first entry, in input order.
WITH keyed AS (
  SELECT g.grp, c.pool, e.path_key, e.catalog_id, e.position
  FROM entries e
  JOIN catalogs c ON c.catalog_id = e.catalog_id
  JOIN body_groups g ON g.catalog_id = e.catalog_id
  WHERE e.path_key <> ''
),
counted AS (
  SELECT grp, catalog_id, position,
         COUNT(*) OVER (PARTITION BY grp, pool, path_key) AS n,
         FIRST_VALUE(catalog_id) OVER (PARTITION BY grp, pool, path_key ORDER BY catalog_id, position) AS first_catalog,
         FIRST_VALUE(position) OVER (PARTITION BY grp, pool, path_key ORDER BY catalog_id, position) AS first_position
  FROM keyed
)
SELECT grp, first_catalog, first_position, catalog_id, position
FROM counted
WHERE n >= 2
ORDER BY grp, first_catalog, first_position, catalog_id, position;
