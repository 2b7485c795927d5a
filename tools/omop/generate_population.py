#!/usr/bin/env python3
"""Synthetic OMOP CDM 5.4 population for `refract cohort` (docs/omop.md), python3 stdlib only.

Writes, into OUT: PERSON, CONDITION_OCCURRENCE, DRUG_EXPOSURE, PROCEDURE_OCCURRENCE, MEASUREMENT,
OBSERVATION, CONCEPT, CONCEPT_ANCESTOR and DRUG_STRENGTH as CSV in the Eunomia layout (all CDM 5.4
columns, person tables sorted by person_id), and expectations.csv: for every person the results of
rules computed here, independently of Refract, from the generated history:

  status                           staged | bipolar | other_diagnosis | no_depression
  adequate_antidepressant_trials   current-episode antidepressant trials of >= 6 weeks at or above
                                   the minimum dose (knowledge/antidepressants.json, atrq), or of
                                   unknown dose (no quantity: adequacy rests on duration)
  psychotherapy_adequate           a current-episode psychotherapy course of >= 9 sessions
  two_failures_sequence            >= 2 distinct adequate antidepressants that failed under the
                                   treatment-sequence rule (followed by a switch, an augmentation,
                                   ECT or rTMS), or by nonresponse scores for a last trial
  two_failures_scores              >= 2 distinct adequate antidepressants with nonresponse scores
                                   (PHQ-9 at the trial start and 3 days before its end)

Histories are built so that no rule sits on a boundary: short trials last 21 days, adequate ones
>= 120; switches follow 10-20 days after a trial ends (inside the 90-day next-step window and the
105-day episode gap); an earlier episode ends >= 300 days before the current one.
Concept ids: real OMOP ids where the code tables give them, local ids (> 2,000,000,000) otherwise.

Usage: generate_population.py --persons N --seed S --out DIR
"""
import argparse
import csv
import datetime
import json
import os
import random

HEADERS = {
    'PERSON': 'person_id,gender_concept_id,year_of_birth,month_of_birth,day_of_birth,birth_datetime,race_concept_id,ethnicity_concept_id,location_id,provider_id,care_site_id,person_source_value,gender_source_value,gender_source_concept_id,race_source_value,race_source_concept_id,ethnicity_source_value,ethnicity_source_concept_id',
    'CONDITION_OCCURRENCE': 'condition_occurrence_id,person_id,condition_concept_id,condition_start_date,condition_start_datetime,condition_end_date,condition_end_datetime,condition_type_concept_id,condition_status_concept_id,stop_reason,provider_id,visit_occurrence_id,visit_detail_id,condition_source_value,condition_source_concept_id,condition_status_source_value',
    'DRUG_EXPOSURE': 'drug_exposure_id,person_id,drug_concept_id,drug_exposure_start_date,drug_exposure_start_datetime,drug_exposure_end_date,drug_exposure_end_datetime,verbatim_end_date,drug_type_concept_id,stop_reason,refills,quantity,days_supply,sig,route_concept_id,lot_number,provider_id,visit_occurrence_id,visit_detail_id,drug_source_value,drug_source_concept_id,route_source_value,dose_unit_source_value',
    'PROCEDURE_OCCURRENCE': 'procedure_occurrence_id,person_id,procedure_concept_id,procedure_date,procedure_datetime,procedure_end_date,procedure_end_datetime,procedure_type_concept_id,modifier_concept_id,quantity,provider_id,visit_occurrence_id,visit_detail_id,procedure_source_value,procedure_source_concept_id,modifier_source_value',
    'MEASUREMENT': 'measurement_id,person_id,measurement_concept_id,measurement_date,measurement_datetime,measurement_time,measurement_type_concept_id,operator_concept_id,value_as_number,value_as_concept_id,unit_concept_id,range_low,range_high,provider_id,visit_occurrence_id,visit_detail_id,measurement_source_value,measurement_source_concept_id,unit_source_value,unit_source_concept_id,value_source_value,measurement_event_id,meas_event_field_concept_id',
    'OBSERVATION': 'observation_id,person_id,observation_concept_id,observation_date,observation_datetime,observation_type_concept_id,value_as_number,value_as_string,value_as_concept_id,qualifier_concept_id,unit_concept_id,provider_id,visit_occurrence_id,visit_detail_id,observation_source_value,observation_source_concept_id,unit_source_value,qualifier_source_value,value_source_value,observation_event_id,obs_event_field_concept_id',
    'CONCEPT': 'concept_id,concept_name,domain_id,vocabulary_id,concept_class_id,standard_concept,concept_code,valid_start_date,valid_end_date,invalid_reason',
    'CONCEPT_ANCESTOR': 'ancestor_concept_id,descendant_concept_id,min_levels_of_separation,max_levels_of_separation',
    'DRUG_STRENGTH': 'drug_concept_id,ingredient_concept_id,amount_value,amount_unit_concept_id,numerator_value,numerator_unit_concept_id,denominator_value,denominator_unit_concept_id,box_size,valid_start_date,valid_end_date,invalid_reason',
}
EHR = 32817  # type concept: EHR
MG = 8576
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')

# Antidepressants the generator prescribes: (agent, OMOP ingredient concept id, RxNorm code).
ANTIDEPRESSANTS = [('sertraline', 739138, '36437'), ('escitalopram', 715939, '321988'),
                   ('citalopram', 797617, '2556'), ('fluoxetine', 755695, '4493'),
                   ('paroxetine', 722031, '32937'), ('venlafaxine', 743670, '39786'),
                   ('duloxetine', 715259, '72625'), ('bupropion', 750982, '42347'),
                   ('mirtazapine', 725131, '15996'), ('vortioxetine', 44507700, '1455099')]
AUGMENTERS = [('aripiprazole', 757688, '89013', 5), ('quetiapine', 766814, '51272', 150),
              ('lithium', None, '6448', 600)]


class Vocabulary:
    """CONCEPT, CONCEPT_ANCESTOR and DRUG_STRENGTH rows for the concepts the population uses."""

    def __init__(self):
        self.next_local = 2000000001
        self.concept = []
        self.ancestor = []
        self.strength = []

    def add(self, concept_id, name, domain, vocabulary, concept_class, code):
        if concept_id is None:
            concept_id = self.next_local
            self.next_local += 1
        self.concept.append([concept_id, name, domain, vocabulary, concept_class, 'S', code,
                             '1970-01-01', '2099-12-31', ''])
        return concept_id

    def product(self, ingredient_id, agent, mg, with_ancestor):
        product_id = self.add(None, '%s %g MG Oral Tablet' % (agent, mg), 'Drug', 'RxNorm',
                              'Clinical Drug', 'L%d' % self.next_local)
        self.strength.append([product_id, ingredient_id, mg, MG, '', '', '', '', '', '1970-01-01',
                              '2099-12-31', ''])
        if with_ancestor:
            self.ancestor.append([ingredient_id, product_id, 2, 2])
        return product_id


def min_doses():
    with open(os.path.join(ROOT, 'knowledge', 'antidepressants.json'), encoding='utf-8') as f:
        items = json.load(f)['items']
    return {item['id']: item['min_dose_mg'].get('atrq') for item in items}


class Population:
    def __init__(self, rng, vocabulary):
        self.rng = rng
        self.v = vocabulary
        self.rows = {name: [] for name in HEADERS if not name.startswith(('CONCEPT', 'DRUG_S'))}
        self.ids = {name: 1 for name in self.rows}
        self.expectations = []
        mins = min_doses()
        v = vocabulary
        self.concepts = {
            'mdd': v.add(4152280, 'Major depressive disorder', 'Condition', 'SNOMED', 'Clinical Finding', '370143000'),
            'mdd_single': v.add(4282096, 'Major depression, single episode', 'Condition', 'SNOMED', 'Clinical Finding', '36923009'),
            'mdd_moderate': v.add(None, 'Moderate recurrent major depression', 'Condition', 'SNOMED', 'Clinical Finding', '18818009'),
            'bipolar': v.add(436665, 'Bipolar disorder', 'Condition', 'SNOMED', 'Clinical Finding', '13746004'),
            'schizophrenia': v.add(435783, 'Schizophrenia', 'Condition', 'SNOMED', 'Clinical Finding', '58214004'),
            'hypertension': v.add(320128, 'Essential hypertension', 'Condition', 'SNOMED', 'Clinical Finding', '59621000'),
            'phq9': v.add(3042932, 'PHQ-9 total score', 'Observation', 'LOINC', 'Clinical Observation', '44261-6'),
            'phq9_item9': v.add(None, 'PHQ-9 item 9', 'Observation', 'LOINC', 'Clinical Observation', '44260-8'),
            'psychotherapy_cpt': v.add(None, 'Psychotherapy, 45 minutes with patient', 'Procedure', 'CPT4', 'CPT4', '90834'),
            'cbt': v.add(None, 'Psychotherapy - cognitive', 'Procedure', 'SNOMED', 'Procedure', '183383008'),
            'ect': v.add(4030840, 'Electroconvulsive therapy', 'Procedure', 'SNOMED', 'Procedure', '23835007'),
            'rtms': v.add(None, 'Therapeutic repetitive transcranial magnetic stimulation', 'Procedure', 'CPT4', 'CPT4', '90867'),
        }
        self.products = {}
        for index, (agent, concept_id, code) in enumerate(ANTIDEPRESSANTS):
            v.add(concept_id, agent, 'Drug', 'RxNorm', 'Ingredient', code)
            minimum = mins[agent]
            # Even-numbered agents roll up through concept_ancestor, odd ones through drug_strength.
            self.products[agent] = {
                'adequate': v.product(concept_id, agent, minimum, index % 2 == 0),
                'low': v.product(concept_id, agent, minimum / 2, index % 2 == 0),
            }
        self.augmenters = []
        for agent, concept_id, code, mg in AUGMENTERS:
            ingredient = v.add(concept_id, agent, 'Drug', 'RxNorm', 'Ingredient', code)
            self.augmenters.append((agent, v.product(ingredient, agent, mg, True)))

    def add(self, table, values):
        row_id = self.ids[table]
        self.ids[table] += 1
        self.rows[table].append([row_id] + values)

    def condition(self, person, concept, day):
        self.add('CONDITION_OCCURRENCE', [person, self.concepts[concept], day, '', '', '', EHR, '', '', '', '', '', concept, 0, ''])

    def fill(self, person, product, day, days_supply, quantity):
        end = day + datetime.timedelta(days=days_supply - 1)
        self.add('DRUG_EXPOSURE', [person, product, day, '', end, '', '', EHR, '', 0,
                                   '' if quantity is None else quantity, days_supply, '', '', '', '', '', '', '', 0, '', ''])

    def procedure(self, person, concept, day):
        self.add('PROCEDURE_OCCURRENCE', [person, self.concepts[concept], day, '', '', '', EHR, '', '', '', '', '', concept, 0, ''])

    def phq9(self, person, day, total, item9=None):
        self.add('OBSERVATION', [person, self.concepts['phq9'], day, '', EHR, total, '', '', '', '', '', '', '', 'phq9', 0, '', '', '', '', ''])
        if item9 is not None:
            self.add('MEASUREMENT', [person, self.concepts['phq9_item9'], day, '', '', EHR, '', item9, '', '', '', '', '', '', '', 'phq9_9', 0, '', '', '', '', ''])

    # One antidepressant trial; returns (start, end_exclusive, adequate).
    def trial(self, person, agent, start, dose_mode, short):
        fills = 1 if short else self.rng.randint(4, 6)
        day = start
        for index in range(fills):
            supply = 21 if short else 30
            if dose_mode == 'unknown':
                self.fill(person, self.products[agent]['adequate'], day, supply, None)
            else:
                self.fill(person, self.products[agent][dose_mode], day, supply, supply)
            end = day + datetime.timedelta(days=supply)
            day = end + datetime.timedelta(days=self.rng.randint(0, 8) if index < fills - 1 else 0)
        return start, end, (not short) and dose_mode != 'low'

    def person(self, person_id):
        rng = self.rng
        sex = rng.choice([8507, 8532])
        birth = datetime.date(rng.randint(1950, 2000), rng.randint(1, 12), rng.randint(1, 28))
        self.add('PERSON', [sex, birth.year, birth.month, birth.day, '', 0, 0, '', '', '', 'p%d' % person_id, '', 0, '', 0, '', 0])
        self.ids['PERSON'] -= 1
        self.rows['PERSON'][-1][0] = person_id
        kind = rng.choices(['mdd', 'none', 'bipolar', 'psychosis'], [82, 10, 5, 3])[0]
        onset = datetime.date(2016, 1, 1) + datetime.timedelta(days=rng.randint(0, 2000))
        expected = {'person_id': person_id, 'status': 'no_depression', 'adequate_antidepressant_trials': 0,
                    'psychotherapy_adequate': 'false', 'two_failures_sequence': '', 'two_failures_scores': ''}
        if kind == 'none':
            self.condition(person_id, 'hypertension', onset)
            if rng.random() < 0.5:
                self.phq9(person_id, onset, rng.randint(0, 9))
            self.expectations.append(expected)
            return
        expected['status'] = {'mdd': 'staged', 'bipolar': 'bipolar', 'psychosis': 'other_diagnosis'}[kind]
        if rng.random() < 0.3:
            self.prior_episode(person_id, onset)
        self.condition(person_id, rng.choice(['mdd', 'mdd_single', 'mdd_moderate']), onset)
        if kind == 'bipolar':
            self.condition(person_id, 'bipolar', onset + datetime.timedelta(days=rng.randint(0, 400)))
        if kind == 'psychosis':
            self.condition(person_id, 'schizophrenia', onset + datetime.timedelta(days=rng.randint(0, 400)))
        measured = rng.random() < 0.4
        self.phq9(person_id, onset, rng.randint(10, 24), 1 if rng.random() < 0.03 else 0)
        self.current_episode(person_id, onset, measured, expected)
        if kind != 'mdd':
            expected['two_failures_sequence'] = ''
            expected['two_failures_scores'] = ''
        self.expectations.append(expected)

    def prior_episode(self, person_id, onset):
        start = onset - datetime.timedelta(days=self.rng.randint(700, 1200))
        self.condition(person_id, 'mdd', start)
        agent = self.rng.choice(ANTIDEPRESSANTS)[0]
        self.trial(person_id, agent, start + datetime.timedelta(days=7), 'adequate', False)
        if self.rng.random() < 0.5:
            for week in range(12):
                self.procedure(person_id, 'psychotherapy_cpt', start + datetime.timedelta(days=14 + 7 * week))

    def current_episode(self, person_id, onset, measured, expected):
        rng = self.rng
        count = rng.choices([0, 1, 2, 3, 4], [10, 30, 25, 20, 15])[0]
        agents = rng.sample([a[0] for a in ANTIDEPRESSANTS], count)
        day = onset + datetime.timedelta(days=7)
        trials = []
        for agent in agents:
            dose_mode = rng.choices(['adequate', 'low', 'unknown'], [65, 10, 25])[0]
            short = rng.random() < 0.2
            baseline = rng.randint(14, 24)
            start, end, adequate = self.trial(person_id, agent, day, dose_mode, short)
            responded = rng.random() < 0.3
            if measured:
                self.phq9(person_id, start, baseline)
                end_score = baseline * 3 // 10 if responded else baseline - 2
                self.phq9(person_id, end - datetime.timedelta(days=3), end_score)
            trials.append({'agent': agent, 'start': start, 'end': end, 'adequate': adequate,
                           'nonresponse_scores': measured and not responded, 'next_step': False})
            day = end + datetime.timedelta(days=rng.randint(10, 20))
        for previous in trials[:-1]:
            previous['next_step'] = True
        last_end = trials[-1]['end'] if trials else day
        if trials and trials[-1]['end'] - trials[-1]['start'] >= datetime.timedelta(days=120) and rng.random() < 0.25:
            agent, product = rng.choice(self.augmenters)
            aug_start = trials[-1]['start'] + datetime.timedelta(days=60)
            self.fill(person_id, product, aug_start, 30, 30)
            self.fill(person_id, product, aug_start + datetime.timedelta(days=30), 30, 30)
            trials[-1]['next_step'] = True
        if trials and rng.random() < 0.12:
            step = rng.choice(['ect', 'rtms'])
            sessions = rng.randint(8, 12) if step == 'ect' else rng.randint(20, 30)
            first = last_end + datetime.timedelta(days=10)
            for index in range(sessions):
                self.procedure(person_id, step, first + datetime.timedelta(days=(3 if step == 'ect' else 1) * index))
            trials[-1]['next_step'] = True
        if rng.random() < 0.4:
            sessions = rng.randint(3, 16)
            code = rng.choice(['psychotherapy_cpt', 'cbt'])
            first = onset + datetime.timedelta(days=rng.randint(14, 60))
            for index in range(sessions):
                self.procedure(person_id, code, first + datetime.timedelta(days=7 * index))
            expected['psychotherapy_adequate'] = 'true' if sessions >= 9 else 'false'
        expected['adequate_antidepressant_trials'] = sum(1 for t in trials if t['adequate'])
        sequence = {t['agent'] for t in trials if t['adequate'] and (t['next_step'] or t['nonresponse_scores'])}
        scores = {t['agent'] for t in trials if t['adequate'] and t['nonresponse_scores']}
        expected['two_failures_sequence'] = 'true' if len(sequence) >= 2 else 'false'
        expected['two_failures_scores'] = 'true' if len(scores) >= 2 else 'false'


def write_table(directory, name, rows):
    with open(os.path.join(directory, name + '.csv'), 'w', newline='', encoding='utf-8') as f:
        f.write(HEADERS[name] + '\n')
        csv.writer(f, lineterminator='\n').writerows(rows)


class StreamingWriter:
    """Writes each person's rows and expectations as soon as the person is generated, so memory stays
    flat in N (1,000,000 persons for bench/omop_bench.sh). Persons are generated in person_id order
    and every row belongs to the person being generated, so the person tables come out sorted."""

    def __init__(self, directory, population):
        self.population = population
        self.files = {}
        self.writers = {}
        for name in population.rows:
            f = open(os.path.join(directory, name + '.csv'), 'w', newline='', encoding='utf-8')
            f.write(HEADERS[name] + '\n')
            self.files[name] = f
            self.writers[name] = csv.writer(f, lineterminator='\n')
        self.expectations_file = open(os.path.join(directory, 'expectations.csv'), 'w', newline='',
                                      encoding='utf-8')
        self.expectations = None

    def flush(self, person_id):
        for name, rows in self.population.rows.items():
            if any(row[1] != person_id for row in rows if name != 'PERSON'):
                raise AssertionError(f'{name}: a row of another person than {person_id}')
            self.writers[name].writerows(rows)
            rows.clear()
        if self.expectations is None:
            fields = list(self.population.expectations[0])
            self.expectations = csv.DictWriter(self.expectations_file, fieldnames=fields,
                                               lineterminator='\n')
            self.expectations.writeheader()
        self.expectations.writerows(self.population.expectations)
        self.population.expectations.clear()

    def close(self):
        for f in list(self.files.values()) + [self.expectations_file]:
            f.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--persons', type=int, required=True)
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--out', required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    vocabulary = Vocabulary()
    population = Population(random.Random(args.seed), vocabulary)
    writer = StreamingWriter(args.out, population)
    for person_id in range(1, args.persons + 1):
        population.person(person_id)
        writer.flush(person_id)
    writer.close()
    write_table(args.out, 'CONCEPT', vocabulary.concept)
    write_table(args.out, 'CONCEPT_ANCESTOR', vocabulary.ancestor)
    write_table(args.out, 'DRUG_STRENGTH', vocabulary.strength)


if __name__ == '__main__':
    main()
