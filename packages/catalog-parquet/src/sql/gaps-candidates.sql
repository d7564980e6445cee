-- 事项无遗漏, the keyed part: powers (权责清单) and services (公共服务事项) that no disclosure entry
-- of the same body (标准目录, 补充目录 with the same body_key; catalogs naming no body count for every
-- body) covers by code, by a generic entry (covers_types: 行政许可结果公示 covers every 行政许可), or
-- by name: a level of the power's key (4+ characters) equal to a level or the whole key of a
-- disclosure entry. Powers and services of bodies without disclosure catalogs are not checked.
-- Output: the candidates, by body (coverage_body: the body_key of the power's catalog). The name
-- coverage that needs text search (a name inside a disclosure entry's 公开内容, a disclosure level
-- inside the name, similar names) is decided for these candidates body by body afterwards.
WITH checked_bodies AS (
  SELECT DISTINCT body_key FROM catalogs WHERE kind IN ('power', 'service')
),
sources AS (
  SELECT b.body_key AS coverage_body, d.catalog_id
  FROM checked_bodies b
  JOIN catalogs d ON d.pool = 'disclosure' AND (b.body_key = '' OR d.body_key = '' OR d.body_key = b.body_key)
),
disclosed AS (
  SELECT s.coverage_body, e.code_key, e.flat_key, e.level_keys, e.covers_types
  FROM sources s
  JOIN entries e ON e.catalog_id = s.catalog_id
),
by_code AS (
  SELECT DISTINCT coverage_body, code_key FROM disclosed WHERE code_key <> ''
),
by_type AS (
  SELECT DISTINCT d.coverage_body, t.covered_type
  FROM disclosed d CROSS JOIN UNNEST(d.covers_types) AS t(covered_type)
),
by_name AS (
  SELECT DISTINCT d.coverage_body, l.name_key
  FROM disclosed d CROSS JOIN UNNEST(d.level_keys) AS l(name_key)
  WHERE LENGTH(l.name_key) >= 4
  UNION
  SELECT DISTINCT coverage_body, flat_key FROM disclosed WHERE LENGTH(flat_key) >= 4
),
candidates AS (
  SELECT e.catalog_id, e.position, e.kind, e.code_key, e.type_key, e.level_keys, c.body_key AS coverage_body
  FROM entries e
  JOIN catalogs c ON c.catalog_id = e.catalog_id
  WHERE c.kind IN ('power', 'service') AND c.body_key IN (SELECT coverage_body FROM sources)
),
named AS (
  SELECT DISTINCT p.catalog_id, p.position
  FROM candidates p CROSS JOIN UNNEST(p.level_keys) AS l(name_key)
  JOIN by_name n ON n.coverage_body = p.coverage_body AND n.name_key = l.name_key
)
SELECT p.coverage_body, p.catalog_id, p.position
FROM candidates p
WHERE NOT EXISTS (SELECT 1 FROM by_code x WHERE x.coverage_body = p.coverage_body AND p.code_key <> '' AND x.code_key = p.code_key)
  AND NOT EXISTS (SELECT 1 FROM by_type x WHERE x.coverage_body = p.coverage_body AND p.type_key <> '' AND x.covered_type = p.type_key)
  AND NOT EXISTS (SELECT 1 FROM by_type x WHERE x.coverage_body = p.coverage_body AND p.kind = 'service' AND x.covered_type = '*service')
  AND NOT EXISTS (SELECT 1 FROM named x WHERE x.catalog_id = p.catalog_id AND x.position = p.position)
ORDER BY p.coverage_body, p.catalog_id, p.position;
