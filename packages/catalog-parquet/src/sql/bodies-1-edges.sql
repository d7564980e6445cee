-- Bodies (单位), step 1 of 2: which catalogs are one body, as the analysis groups them
-- (docs/analysis.md §1). Catalogs sharing body_code_key (行政区划代码 + department) are one body;
-- so are catalogs sharing body_name_key (jurisdiction name + department), unless both have a code
-- and the codes differ. Each catalog is linked to the first catalog with its key; a catalog whose
-- body is unknown (both keys empty) is linked to nothing and stays alone.
CREATE OR REPLACE TEMPORARY TABLE body_edges AS
WITH by_code AS (
  SELECT body_code_key, MIN(catalog_id) AS first_id FROM catalogs WHERE body_code_key <> '' GROUP BY body_code_key
),
by_name AS (
  SELECT body_name_key, MIN(catalog_id) AS first_id FROM catalogs WHERE body_name_key <> '' GROUP BY body_name_key
)
SELECT c.catalog_id AS a, f.first_id AS b
FROM catalogs c JOIN by_code f ON f.body_code_key = c.body_code_key
UNION ALL
SELECT c.catalog_id AS a, f.first_id AS b
FROM catalogs c
JOIN by_name f ON f.body_name_key = c.body_name_key
JOIN catalogs j ON j.catalog_id = f.first_id
WHERE NOT (c.body_code_key <> '' AND j.body_code_key <> '' AND c.body_code_key <> j.body_code_key);

CREATE OR REPLACE TEMPORARY TABLE body_groups AS
SELECT catalog_id, catalog_id AS grp FROM catalogs;
