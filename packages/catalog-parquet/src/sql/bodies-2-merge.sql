-- Bodies (单位), step 2 of 2 (repeat until it reports 0): every catalog takes the smallest group
-- number among the catalogs it is linked to. When no group changes, body_groups(catalog_id, grp)
-- holds the bodies: grp is the first catalog of the body. The other .sql files read body_groups.
CREATE OR REPLACE TEMPORARY TABLE body_groups_next AS
WITH links AS (
  SELECT a AS x, b AS y FROM body_edges
  UNION ALL
  SELECT b AS x, a AS y FROM body_edges
)
SELECT g.catalog_id, LEAST(g.grp, COALESCE(MIN(n.grp), g.grp)) AS grp
FROM body_groups g
LEFT JOIN links l ON l.x = g.catalog_id
LEFT JOIN body_groups n ON n.catalog_id = l.y
GROUP BY g.catalog_id, g.grp;

CREATE OR REPLACE TEMPORARY TABLE body_changed AS
SELECT COUNT(*) AS changed
FROM body_groups_next n JOIN body_groups g ON g.catalog_id = n.catalog_id
WHERE n.grp <> g.grp;

CREATE OR REPLACE TEMPORARY TABLE body_groups AS SELECT * FROM body_groups_next;

SELECT changed FROM body_changed;
