-- The derived tables OHDSI cohort 1009 reads, for a source that only has the clinical tables (the
-- generated population; an ETL normally fills them):
-- 1. observation_period, only when it is empty: one period per person from the first to the last
--    date of the person's clinical rows (the observation-period convention for data without
--    enrolment, https://ohdsi.github.io/CommonDataModel/cdm54.html#observation_period).
-- 2. drug_era, rebuilt from drug_exposure with OHDSI's drug era rule (the CDM builders' era
--    script, https://ohdsi.github.io/CommonDataModel/sqlScripts.html#Drug_Eras): each exposure is
--    rolled up to its ingredient through concept_ancestor, else (here, as in Refract's extraction)
--    through the product's single drug_strength ingredient, else it keeps its own concept; it
--    ends at its end date or else start + days_supply (start + 1 without either); exposures of
--    one ingredient merge into one era when the next starts at most 30 days (the persistence
--    window) after the latest end so far. gap_days: era length minus the days its exposures cover
--    (0 when they overlap).
INSERT INTO @cdm_database_schema.observation_period (observation_period_id, person_id,
  observation_period_start_date, observation_period_end_date, period_type_concept_id)
SELECT row_number() OVER (ORDER BY person_id), person_id, MIN(day), MAX(day), 32817
FROM (
  SELECT person_id, condition_start_date AS day FROM @cdm_database_schema.condition_occurrence
  UNION ALL SELECT person_id, COALESCE(condition_end_date, condition_start_date) FROM @cdm_database_schema.condition_occurrence
  UNION ALL SELECT person_id, drug_exposure_start_date FROM @cdm_database_schema.drug_exposure
  UNION ALL SELECT person_id, COALESCE(drug_exposure_end_date, drug_exposure_start_date + COALESCE(NULLIF(days_supply, 0), 1)) FROM @cdm_database_schema.drug_exposure
  UNION ALL SELECT person_id, procedure_date FROM @cdm_database_schema.procedure_occurrence
  UNION ALL SELECT person_id, measurement_date FROM @cdm_database_schema.measurement
  UNION ALL SELECT person_id, observation_date FROM @cdm_database_schema.observation
) days
WHERE NOT EXISTS (SELECT 1 FROM @cdm_database_schema.observation_period)
GROUP BY person_id;

DELETE FROM @cdm_database_schema.drug_era;
INSERT INTO @cdm_database_schema.drug_era (drug_era_id, person_id, drug_concept_id, drug_era_start_date,
                                           drug_era_end_date, drug_exposure_count, gap_days)
WITH exposures AS (
  SELECT de.person_id,
         COALESCE(ingredient.concept_id, strength.ingredient_concept_id, de.drug_concept_id) AS ingredient,
         de.drug_exposure_start_date AS start_date,
         COALESCE(de.drug_exposure_end_date,
                  de.drug_exposure_start_date + COALESCE(NULLIF(de.days_supply, 0), 1)) AS end_date
  FROM @cdm_database_schema.drug_exposure de
  LEFT JOIN LATERAL (
    SELECT ca.ancestor_concept_id AS concept_id
    FROM @cdm_database_schema.concept_ancestor ca
    JOIN @cdm_database_schema.concept c
      ON c.concept_id = ca.ancestor_concept_id AND c.concept_class_id = 'Ingredient'
    WHERE ca.descendant_concept_id = de.drug_concept_id
    ORDER BY ca.ancestor_concept_id
    LIMIT 1) ingredient ON true
  LEFT JOIN LATERAL (
    SELECT MIN(ds.ingredient_concept_id) AS ingredient_concept_id
    FROM @cdm_database_schema.drug_strength ds
    WHERE ds.drug_concept_id = de.drug_concept_id
    HAVING COUNT(DISTINCT ds.ingredient_concept_id) = 1) strength ON true
  WHERE de.drug_concept_id <> 0
), marked AS (
  SELECT *, CASE WHEN start_date - MAX(end_date) OVER (
                   PARTITION BY person_id, ingredient ORDER BY start_date, end_date
                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) <= 30 THEN 0 ELSE 1 END AS is_start
  FROM exposures
), numbered AS (
  SELECT *, SUM(is_start) OVER (PARTITION BY person_id, ingredient ORDER BY start_date, end_date
                                ROWS UNBOUNDED PRECEDING) AS era
  FROM marked
)
SELECT row_number() OVER (ORDER BY person_id, ingredient, MIN(start_date)), person_id, ingredient,
       MIN(start_date), MAX(end_date), COUNT(*),
       GREATEST(0, (MAX(end_date) - MIN(start_date)) - SUM(end_date - start_date))
FROM numbered
GROUP BY person_id, ingredient, era;
ANALYZE @cdm_database_schema.drug_era;
ANALYZE @cdm_database_schema.observation_period;
