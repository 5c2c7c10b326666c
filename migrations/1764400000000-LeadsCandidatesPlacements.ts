import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hidden job market: candidates (personnes accompagnées), job leads spotted at companies,
 * proposals of a candidate to a lead, and placements (contracts and PMSMP immersions).
 */
export class LeadsCandidatesPlacements1764400000000 implements MigrationInterface {
  name = 'LeadsCandidatesPlacements1764400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE structure ADD COLUMN proposal_target_days int NOT NULL DEFAULT 7 CHECK (proposal_target_days BETWEEN 1 AND 90)`,
    );
    await queryRunner.query(`
      CREATE TABLE candidate (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
        first_name text NOT NULL,
        last_name text NOT NULL,
        email text,
        phone text,
        referrer text NOT NULL DEFAULT 'other'
          CHECK (referrer IN ('france_travail', 'mission_locale', 'cap_emploi', 'departement_rsa', 'plie', 'other')),
        referrer_name text,
        entry_date date,
        structure_contract_type text,
        structure_contract_end date,
        wanted_jobs jsonb NOT NULL DEFAULT '[]',
        strengths text[] NOT NULL DEFAULT '{}',
        skills text[] NOT NULL DEFAULT '{}',
        driving_licence boolean NOT NULL DEFAULT false,
        has_vehicle boolean NOT NULL DEFAULT false,
        reachable_communes text[] NOT NULL DEFAULT '{}',
        home_commune text,
        mobility_radius_km int CHECK (mobility_radius_km BETWEEN 0 AND 500),
        hours_per_week int CHECK (hours_per_week BETWEEN 1 AND 48),
        shifts text[] NOT NULL DEFAULT '{day}',
        available_from date,
        constraints jsonb NOT NULL DEFAULT '{}',
        notes text,
        status text NOT NULL DEFAULT 'on_path' CHECK (status IN ('on_path', 'in_placement', 'exited')),
        exit_category text CHECK (exit_category IN ('durable_employment', 'transition_employment', 'positive_exit', 'other')),
        exit_date date,
        owner_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX candidate_structure_idx ON candidate (structure_id, status, last_name)`);

    await queryRunner.query(`
      CREATE TABLE job_lead (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
        company_id uuid NOT NULL REFERENCES company(id) ON DELETE CASCADE,
        contact_id uuid REFERENCES contact(id) ON DELETE SET NULL,
        source_activity_id uuid REFERENCES activity(id) ON DELETE SET NULL,
        job_title text NOT NULL,
        rome_code text CHECK (rome_code ~ '^[A-N][0-9]{4}$'),
        contract_type text NOT NULL,
        hours_per_week int CHECK (hours_per_week BETWEEN 1 AND 48),
        shift_pattern text NOT NULL DEFAULT 'day' CHECK (shift_pattern IN ('day', '2x8', '3x8', 'night', 'weekend')),
        start_date date,
        work_commune text,
        requires_licence boolean NOT NULL DEFAULT false,
        requires_vehicle boolean NOT NULL DEFAULT false,
        requirements text[] NOT NULL DEFAULT '{}',
        adaptations text[] NOT NULL DEFAULT '{}',
        hidden_market boolean NOT NULL DEFAULT true,
        status text NOT NULL DEFAULT 'spotted'
          CHECK (status IN ('spotted', 'qualified', 'candidate_proposed', 'interview', 'filled', 'abandoned')),
        abandon_reason text,
        spotted_at timestamptz NOT NULL,
        first_proposed_at timestamptz,
        owner_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX job_lead_structure_idx ON job_lead (structure_id, status, spotted_at)`);
    await queryRunner.query(`CREATE INDEX job_lead_company_idx ON job_lead (company_id)`);

    await queryRunner.query(`
      CREATE TABLE proposal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
        lead_id uuid NOT NULL REFERENCES job_lead(id) ON DELETE CASCADE,
        candidate_id uuid NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
        proposed_at timestamptz NOT NULL,
        proposed_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        outcome text NOT NULL DEFAULT 'pending'
          CHECK (outcome IN ('pending', 'interview', 'immersion', 'hired', 'declined_by_employer', 'declined_by_candidate')),
        outcome_reason text,
        outcome_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (lead_id, candidate_id)
      )`);
    await queryRunner.query(`CREATE INDEX proposal_candidate_idx ON proposal (candidate_id)`);

    await queryRunner.query(`
      CREATE TABLE placement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
        candidate_id uuid NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
        company_id uuid NOT NULL REFERENCES company(id) ON DELETE CASCADE,
        lead_id uuid REFERENCES job_lead(id) ON DELETE SET NULL,
        proposal_id uuid REFERENCES proposal(id) ON DELETE SET NULL,
        kind text NOT NULL CHECK (kind IN ('contract', 'immersion')),
        contract_type text NOT NULL,
        job_title text NOT NULL,
        start_date date NOT NULL,
        planned_end_date date CHECK (planned_end_date IS NULL OR planned_end_date >= start_date),
        hours_per_week int CHECK (hours_per_week BETWEEN 1 AND 48),
        trial_end_date date,
        status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'started', 'ended')),
        end_date date,
        end_kind text CHECK (end_kind IN ('normal', 'early')),
        rupture_reason text,
        ended_by text CHECK (ended_by IN ('employee', 'employer', 'both')),
        owner_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX placement_structure_idx ON placement (structure_id, status, start_date)`);
    await queryRunner.query(`CREATE INDEX placement_candidate_idx ON placement (candidate_id)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE placement`);
    await queryRunner.query(`DROP TABLE proposal`);
    await queryRunner.query(`DROP TABLE job_lead`);
    await queryRunner.query(`DROP TABLE candidate`);
    await queryRunner.query(`ALTER TABLE structure DROP COLUMN proposal_target_days`);
  }
}
