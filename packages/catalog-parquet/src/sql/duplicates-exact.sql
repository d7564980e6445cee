-- 梳理不重复, exact duplicates: entries with the same matching key (entries.path_key) in one pool
-- (标准目录 and 补充目录 together; 权责清单; 公共服务事项) and one body. When the entries of a key
-- come from more than one named body, each body is a group and the entries of catalogs that name no
-- body form one more group; otherwise all of them are one group.
-- Output: one row per member of a group of two or more, in group order (named bodies' entries first,
-- then in input order).
WITH keyed AS (
  SELECT e.catalog_id, e.position, e.path_key, c.pool, c.body_key
  FROM entries e
  JOIN catalogs c ON c.catalog_id = e.catalog_id
  WHERE e.path_key <> ''
),
key_groups AS (
  SELECT pool, path_key, COUNT(DISTINCT CASE WHEN body_key <> '' THEN body_key END) AS bodies
  FROM keyed
  GROUP BY pool, path_key
  HAVING COUNT(*) >= 2
),
members AS (
  SELECT k.pool, k.path_key,
         CASE WHEN g.bodies <= 1 THEN '' ELSE k.body_key END AS body_group,
         CASE WHEN k.body_key = '' THEN 1 ELSE 0 END AS unnamed,
         k.catalog_id, k.position
  FROM keyed k
  JOIN key_groups g ON g.pool = k.pool AND g.path_key = k.path_key
),
sized AS (
  SELECT m.*, COUNT(*) OVER (PARTITION BY pool, path_key, body_group) AS group_size
  FROM members m
)
SELECT pool, path_key, body_group, catalog_id, position
FROM sized
WHERE group_size >= 2
ORDER BY pool, path_key, body_group, unnamed, catalog_id, position;
