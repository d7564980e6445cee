-- 三级四同, step 1 of 3: the powers (权责清单) of catalogs that state their level (省, 市, 县, 乡),
-- numbered in input order, each starting in a group of its own.
CREATE OR REPLACE TEMPORARY TABLE level_nodes AS
SELECT ROW_NUMBER() OVER (ORDER BY e.catalog_id, e.position) AS node,
       e.catalog_id, e.position, c.level_rank AS rank,
       e.code_key, e.level_name_key, e.path_key, e.type_key, e.basis_documents_key
FROM entries e
JOIN catalogs c ON c.catalog_id = e.catalog_id
WHERE c.kind = 'power' AND c.level_rank IS NOT NULL;

CREATE OR REPLACE TEMPORARY TABLE level_groups AS
SELECT node, node AS grp FROM level_nodes;
