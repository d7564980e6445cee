-- 公开标准统一: the same item (entries.path_key) in two disclosure catalogs (标准目录, 补充目录)
-- disclosed to different standards. The first entry of a key (in input order) is compared with the
-- first entry of the key in every other catalog. Fields compared, when both entries have them:
--   公开时限 by meaning: the parsed signatures when both were parsed, else the periods the texts
--   name when both name some, else the normalised texts;
--   公开方式 and 公开对象 as sets of canonical marks;
--   within one body (same body_key, or either names none) also 公开主体 (normalised) and 公开层级.
-- Output: one row per conflicting pair with the differing fields, comma-joined, in this order:
-- timeLimit, subject, method, audience, levels.
WITH d AS (
  SELECT e.catalog_id, e.position, e.path_key, c.body_key,
         e.time_limit_parsed_key, e.time_limit_text_key, e.time_limit_raw_key,
         e.subject_key, e.method_key, e.audience_key, e.levels_key
  FROM entries e
  JOIN catalogs c ON c.catalog_id = e.catalog_id
  WHERE c.pool = 'disclosure' AND e.path_key <> ''
),
ranked AS (
  SELECT d.*,
         ROW_NUMBER() OVER (PARTITION BY path_key ORDER BY catalog_id, position) AS nth_of_key,
         ROW_NUMBER() OVER (PARTITION BY path_key, catalog_id ORDER BY position) AS nth_in_catalog
  FROM d
),
pairs AS (
  SELECT f.catalog_id AS a_catalog, f.position AS a_position, o.catalog_id AS b_catalog, o.position AS b_position,
         CASE
           WHEN f.time_limit_raw_key IS NULL OR o.time_limit_raw_key IS NULL THEN FALSE
           WHEN f.time_limit_parsed_key IS NOT NULL AND o.time_limit_parsed_key IS NOT NULL THEN f.time_limit_parsed_key <> o.time_limit_parsed_key
           WHEN f.time_limit_text_key <> '' AND o.time_limit_text_key <> '' THEN f.time_limit_text_key <> o.time_limit_text_key
           ELSE f.time_limit_raw_key <> o.time_limit_raw_key
         END AS time_limit_differs,
         (f.body_key = '' OR o.body_key = '' OR f.body_key = o.body_key) AS same_body,
         f.subject_key AS a_subject, o.subject_key AS b_subject,
         f.method_key AS a_method, o.method_key AS b_method,
         f.audience_key AS a_audience, o.audience_key AS b_audience,
         f.levels_key AS a_levels, o.levels_key AS b_levels
  FROM ranked f
  JOIN ranked o ON o.path_key = f.path_key AND o.catalog_id <> f.catalog_id AND o.nth_in_catalog = 1
  WHERE f.nth_of_key = 1
),
compared AS (
  SELECT a_catalog, a_position, b_catalog, b_position,
         concat_ws(',',
           CASE WHEN time_limit_differs THEN 'timeLimit' END,
           CASE WHEN same_body AND a_subject IS NOT NULL AND b_subject IS NOT NULL AND a_subject <> b_subject THEN 'subject' END,
           CASE WHEN a_method IS NOT NULL AND b_method IS NOT NULL AND a_method <> b_method THEN 'method' END,
           CASE WHEN a_audience IS NOT NULL AND b_audience IS NOT NULL AND a_audience <> b_audience THEN 'audience' END,
           CASE WHEN same_body AND a_levels IS NOT NULL AND b_levels IS NOT NULL AND a_levels <> b_levels THEN 'levels' END
         ) AS fields
  FROM pairs
)
SELECT a_catalog, a_position, b_catalog, b_position, fields
FROM compared
WHERE fields <> ''
ORDER BY a_catalog, a_position, b_catalog, b_position;
