-- 公开标准统一 (conflict-standard): one item in two disclosure catalogs (标准目录, 补充目录) of one
-- body, disclosed to different standards. Reads body_groups (bodies-*.sql).
--
-- Candidates: entries of one body sharing path_key, spec_key or lower_key (a key shared by more
-- than 64 entries is generic, e.g. 政策, and pairs nothing). A pair is one item (docs/analysis.md
-- §2, "equivalent" or "exact"; similar names are not enough) when the codes do not differ and
--   the path keys are equal; or
--   both have lower levels under related 一级事项 (same first_key or first_group, or one's
--     first_covers lists the other's first_group) and equal lower_key; or
--   both have lower levels under unrelated 一级事项 and equal, specific lower_item_key; or
--   (otherwise) equal spec_key.
-- For each entry and each later catalog of its body, the first such pair counts (candidates in the
-- order: key group by its first entry, path before spec before lower key; then the later entry).
-- The pair conflicts when a field both fill differs: 公开时限 (parsed forms when both parsed, else
-- the periods named when both name one, else the text's key), 公开主体, 公开方式, 公开对象, 公开层级.
-- Output: one row per conflicting pair with the differing fields, comma-joined.
WITH d AS (
  SELECT CAST(e.catalog_id AS BIGINT) * 4294967296 + e.position AS ord, g.grp, e.catalog_id, e.position,
         e.path_key, e.code_key, e.spec_key, e.lower_key, e.lower_item_key, e.first_key, e.first_group, e.first_covers,
         e.time_limit_parsed_key, e.time_limit_period_key, e.time_limit_key, e.subject_key, e.method_key, e.audience_key, e.levels_key
  FROM entries e
  JOIN catalogs c ON c.catalog_id = e.catalog_id
  JOIN body_groups g ON g.catalog_id = e.catalog_id
  WHERE c.pool = 'disclosure' AND e.path_key <> ''
),
keyed AS (
  SELECT grp, 0 AS t, path_key AS k, ord, catalog_id FROM d
  UNION ALL
  SELECT grp, 1 AS t, spec_key AS k, ord, catalog_id FROM d WHERE spec_key <> ''
  UNION ALL
  SELECT grp, 2 AS t, lower_key AS k, ord, catalog_id FROM d WHERE lower_key <> ''
),
key_groups AS (
  SELECT grp, t, k, COUNT(*) AS n, MIN(ord) AS first_ord FROM keyed GROUP BY grp, t, k
),
grouped AS (
  SELECT x.grp, x.t, x.k, x.ord, x.catalog_id, s.n, s.first_ord
  FROM keyed x JOIN key_groups s ON s.grp = x.grp AND s.t = x.t AND s.k = x.k
),
candidates AS (
  SELECT x.first_ord, x.t, x.ord AS a_ord, y.ord AS b_ord, y.catalog_id AS b_catalog
  FROM grouped x
  JOIN grouped y ON y.grp = x.grp AND y.t = x.t AND y.k = x.k AND y.ord > x.ord AND y.catalog_id <> x.catalog_id
  WHERE x.n <= 64
),
paired AS (
  SELECT p.first_ord, p.t, p.a_ord, p.b_ord, p.b_catalog, a.grp,
         CASE WHEN a.first_key = b.first_key OR a.first_group = b.first_group
                   OR (a.first_covers <> '' AND ('|' || a.first_covers || '|') LIKE ('%|' || b.first_group || '|%'))
                   OR (b.first_covers <> '' AND ('|' || b.first_covers || '|') LIKE ('%|' || a.first_group || '|%'))
              THEN 1 ELSE 0 END AS related_first,
         CASE WHEN a.lower_key IS NOT NULL AND b.lower_key IS NOT NULL THEN 1 ELSE 0 END AS both_lower,
         a.path_key AS a_path, b.path_key AS b_path, a.code_key AS a_code, b.code_key AS b_code,
         a.spec_key AS a_spec, b.spec_key AS b_spec, a.lower_key AS a_lower, b.lower_key AS b_lower,
         a.lower_item_key AS a_lower_item, b.lower_item_key AS b_lower_item
  FROM candidates p
  JOIN d a ON a.ord = p.a_ord
  JOIN d b ON b.ord = p.b_ord
),
related AS (
  SELECT first_ord, t, a_ord, b_ord, b_catalog, grp
  FROM paired
  WHERE NOT (a_code <> '' AND b_code <> '' AND a_code <> b_code)
    AND (a_path = b_path
         OR (both_lower = 1 AND related_first = 1 AND a_lower <> '' AND a_lower = b_lower)
         OR (both_lower = 1 AND related_first = 0 AND a_lower_item <> '' AND a_lower_item = b_lower_item)
         OR (NOT (both_lower = 1 AND related_first = 1) AND a_spec <> '' AND a_spec = b_spec))
),
chosen AS (
  SELECT a_ord, b_ord, grp, ROW_NUMBER() OVER (PARTITION BY a_ord, b_catalog ORDER BY first_ord, t, b_ord) AS nth
  FROM related
),
compared AS (
  SELECT h.grp, a.catalog_id AS a_catalog, a.position AS a_position, b.catalog_id AS b_catalog, b.position AS b_position,
         concat_ws(',',
           CASE WHEN a.time_limit_key IS NOT NULL AND b.time_limit_key IS NOT NULL
                 AND NOT (CASE WHEN a.time_limit_parsed_key IS NOT NULL AND b.time_limit_parsed_key IS NOT NULL
                                 THEN a.time_limit_parsed_key = b.time_limit_parsed_key
                               WHEN a.time_limit_period_key <> '' AND b.time_limit_period_key <> ''
                                 THEN a.time_limit_period_key = b.time_limit_period_key
                               ELSE a.time_limit_key = b.time_limit_key END)
                THEN 'timeLimit' END,
           CASE WHEN a.subject_key IS NOT NULL AND b.subject_key IS NOT NULL AND a.subject_key <> b.subject_key THEN 'subject' END,
           CASE WHEN a.method_key IS NOT NULL AND b.method_key IS NOT NULL AND a.method_key <> b.method_key THEN 'method' END,
           CASE WHEN a.audience_key IS NOT NULL AND b.audience_key IS NOT NULL AND a.audience_key <> b.audience_key THEN 'audience' END,
           CASE WHEN a.levels_key IS NOT NULL AND b.levels_key IS NOT NULL AND a.levels_key <> b.levels_key THEN 'levels' END
         ) AS fields
  FROM chosen h
  JOIN d a ON a.ord = h.a_ord
  JOIN d b ON b.ord = h.b_ord
  WHERE h.nth = 1
)
SELECT grp, a_catalog, a_position, b_catalog, b_position, fields
FROM compared
WHERE fields <> ''
ORDER BY a_catalog, a_position, b_catalog, b_position;
