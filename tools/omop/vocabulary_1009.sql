-- Completes a vocabulary shard (the generated population writes only the concepts it uses) with
-- the SNOMED CT hierarchy cohort 1009's MDD concept set (codeset 18: 440383 "Depressive disorder"
-- and descendants) needs: concept 440383 (SNOMED 35489007) and concept_ancestor rows from it to the
-- shard's depressive-disorder concepts, found by SNOMED code (so local concept ids work): 370143000
-- Major depressive disorder, 36923009 Major depression, single episode, 18818009 Moderate
-- recurrent major depression, 66344007 Recurrent major depression (each is-a 35489007 in SNOMED
-- CT, https://browser.ihtsdotools.org). Rows already present are left alone; a full OMOP
-- vocabulary needs none of this.
INSERT INTO @cdm_database_schema.concept (concept_id, concept_name, domain_id, vocabulary_id,
  concept_class_id, standard_concept, concept_code, valid_start_date, valid_end_date)
SELECT 440383, 'Depressive disorder', 'Condition', 'SNOMED', 'Clinical Finding', 'S', '35489007',
       DATE '1970-01-01', DATE '2099-12-31'
WHERE NOT EXISTS (SELECT 1 FROM @cdm_database_schema.concept WHERE concept_id = 440383);

INSERT INTO @cdm_database_schema.concept_ancestor (ancestor_concept_id, descendant_concept_id,
  min_levels_of_separation, max_levels_of_separation)
SELECT 440383, c.concept_id, 1, 2
FROM @cdm_database_schema.concept c
WHERE c.vocabulary_id = 'SNOMED' AND c.concept_code IN ('370143000', '36923009', '18818009', '66344007')
  AND NOT EXISTS (SELECT 1 FROM @cdm_database_schema.concept_ancestor ca
                  WHERE ca.ancestor_concept_id = 440383 AND ca.descendant_concept_id = c.concept_id);
