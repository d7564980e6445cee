-- 三级四同, step 2 of 3 (repeat until it reports 0): powers sharing a code (code_key) or the name as
-- levels word it (level_name_key) are one item. Each pass gives every power the smallest group number among the
-- powers it shares a key with; when no group changes, the groups are the connected components.
-- The joins are plain equalities (by_code and by_name hold no empty key, so an empty key joins
-- nothing): a condition on one side only in a LEFT JOIN's ON made DuckDB join by nested loops,
-- quadratic in the powers of the province.
CREATE OR REPLACE TEMPORARY TABLE level_groups_next AS
WITH labelled AS (
  SELECT n.node, n.code_key, n.level_name_key, g.grp
  FROM level_nodes n JOIN level_groups g ON g.node = n.node
),
by_code AS (
  SELECT code_key, MIN(grp) AS grp FROM labelled WHERE code_key <> '' GROUP BY code_key
),
by_name AS (
  SELECT level_name_key, MIN(grp) AS grp FROM labelled WHERE level_name_key <> '' GROUP BY level_name_key
)
SELECT l.node,
       LEAST(l.grp, COALESCE(c.grp, l.grp), COALESCE(p.grp, l.grp)) AS grp
FROM labelled l
LEFT JOIN by_code c ON c.code_key = l.code_key
LEFT JOIN by_name p ON p.level_name_key = l.level_name_key;

CREATE OR REPLACE TEMPORARY TABLE level_changed AS
SELECT COUNT(*) AS changed
FROM level_groups_next n JOIN level_groups g ON g.node = n.node
WHERE n.grp <> g.grp;

CREATE OR REPLACE TEMPORARY TABLE level_groups AS SELECT * FROM level_groups_next;

SELECT changed FROM level_changed;
