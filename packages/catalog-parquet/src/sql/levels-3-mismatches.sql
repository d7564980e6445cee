-- 三级四同, step 3 of 3: in every group with powers at more than one level, the first power of the
-- highest level is compared with each power of another level: 事项 key (name), code, type and the
-- documents the basis cites (code, type and basis only when both have them).
-- Output: one row per mismatching pair with the differing fields, comma-joined: name, code, type, basis.
WITH grouped AS (
  SELECT n.*, g.grp FROM level_nodes n JOIN level_groups g ON g.node = n.node
),
multi_level AS (
  SELECT grp FROM grouped GROUP BY grp HAVING COUNT(DISTINCT rank) > 1
),
tops AS (
  SELECT * FROM (
    SELECT g.*, ROW_NUMBER() OVER (PARTITION BY g.grp ORDER BY g.rank, g.node) AS nth
    FROM grouped g JOIN multi_level m ON m.grp = g.grp
  ) ranked
  WHERE nth = 1
),
compared AS (
  SELECT t.catalog_id AS top_catalog, t.position AS top_position, o.catalog_id AS other_catalog, o.position AS other_position,
         concat_ws(',',
           CASE WHEN t.path_key <> o.path_key THEN 'name' END,
           CASE WHEN t.code_key <> '' AND o.code_key <> '' AND t.code_key <> o.code_key THEN 'code' END,
           CASE WHEN t.type_key <> '' AND o.type_key <> '' AND t.type_key <> o.type_key THEN 'type' END,
           CASE WHEN t.basis_documents_key <> '' AND o.basis_documents_key <> '' AND t.basis_documents_key <> o.basis_documents_key THEN 'basis' END
         ) AS fields
  FROM tops t
  JOIN grouped o ON o.grp = t.grp AND o.rank <> t.rank
)
SELECT top_catalog, top_position, other_catalog, other_position, fields
FROM compared
WHERE fields <> ''
ORDER BY other_catalog, other_position;
