import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Prospection: companies and their contacts, the pipeline stages of each structure, the stage
 * change events the funnel is computed from, logged activities and CSV import runs.
 */
export class Prospection1764100000000 implements MigrationInterface {
  name = 'Prospection1764100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Trigram indexes make partial-word name search fast. The extension lives in `public` so that
    // every schema of the database (the test schema included) shares one copy.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`);

    await queryRunner.query(`ALTER TABLE structure ADD COLUMN cadence_rules jsonb`);
    // An e-mail to a contact who opted out is kept, marked suppressed, and never sent.
    await queryRunner.query(`ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_status_check`);
    await queryRunner.query(
      `ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_status_check CHECK (status IN ('pending', 'sent', 'failed', 'suppressed'))`,
    );

    await queryRunner.query(`
      CREATE TABLE pipeline_stage (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
        key text,
        name text NOT NULL,
        position int NOT NULL,
        kind text NOT NULL CHECK (kind IN ('open', 'no_need', 'refused')),
        stalled_after_days int CHECK (stalled_after_days > 0),
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX pipeline_stage_key ON pipeline_stage (structure_id, key)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX pipeline_stage_name_key ON pipeline_stage (structure_id, lower(name)) WHERE archived_at IS NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE company (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
        name text NOT NULL,
        search_name text NOT NULL,
        dedup_name text NOT NULL,
        siret char(14),
        siren char(9) GENERATED ALWAYS AS (substr(siret, 1, 9)) STORED,
        naf_code text,
        sector_label text,
        headcount_band text,
        address text,
        postcode text,
        commune text,
        search_commune text,
        territory text,
        website text,
        phone text,
        source text NOT NULL DEFAULT 'cold_prospection'
          CHECK (source IN ('cold_prospection', 'network', 'event', 'inbound', 'prescriber', 'other')),
        owner_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        tags text[] NOT NULL DEFAULT '{}',
        notes text,
        stage_id uuid NOT NULL REFERENCES pipeline_stage(id),
        stage_entered_at timestamptz NOT NULL DEFAULT now(),
        come_back_on date,
        next_action_type text CHECK (next_action_type IN ('call', 'meeting', 'visit', 'email', 'event', 'other')),
        next_action_due date,
        next_action_owner_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        next_action_note text,
        board_due date GENERATED ALWAYS AS (coalesce(next_action_due, 'infinity'::date)) STORED,
        version int NOT NULL DEFAULT 1,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX company_siret_key ON company (structure_id, siret) WHERE siret IS NOT NULL`,
    );
    // The board reads each column in due-date order with keyset pagination on (board_due, id).
    await queryRunner.query(`CREATE INDEX company_board_idx ON company (structure_id, stage_id, board_due, id)`);
    await queryRunner.query(`CREATE INDEX company_dedup_idx ON company (structure_id, dedup_name, postcode)`);
    await queryRunner.query(
      `CREATE INDEX company_search_name_trgm ON company USING gin (search_name public.gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX company_search_commune_trgm ON company USING gin (search_commune public.gin_trgm_ops)`,
    );
    await queryRunner.query(`CREATE INDEX company_postcode_idx ON company (structure_id, postcode text_pattern_ops)`);
    await queryRunner.query(`CREATE INDEX company_siret_prefix_idx ON company (structure_id, siret bpchar_pattern_ops)`);
    await queryRunner.query(
      `CREATE INDEX company_next_action_idx ON company (structure_id, next_action_owner_id, next_action_due)`,
    );
    await queryRunner.query(`CREATE INDEX company_owner_idx ON company (structure_id, owner_id)`);
    await queryRunner.query(`CREATE INDEX company_tags_idx ON company USING gin (tags)`);

    await queryRunner.query(`
      CREATE TABLE contact (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
        company_id uuid NOT NULL REFERENCES company(id) ON DELETE CASCADE,
        first_name text,
        last_name text NOT NULL,
        job_title text,
        email text,
        phone text,
        preferred_channel text CHECK (preferred_channel IN ('phone', 'email', 'sms', 'in_person')),
        decision_maker boolean NOT NULL DEFAULT false,
        email_opt_out boolean NOT NULL DEFAULT false,
        email_opt_out_at timestamptz,
        notes text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX contact_company_idx ON contact (company_id, last_name)`);
    await queryRunner.query(`CREATE INDEX contact_email_idx ON contact (structure_id, lower(email))`);

    await queryRunner.query(`
      CREATE TABLE activity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
        company_id uuid NOT NULL REFERENCES company(id) ON DELETE CASCADE,
        contact_id uuid REFERENCES contact(id) ON DELETE SET NULL,
        type text NOT NULL CHECK (type IN ('call', 'meeting', 'visit', 'email', 'event', 'note')),
        outcome text CHECK (outcome IN ('no_answer', 'call_back', 'refused', 'meeting_booked', 'need_found')),
        occurred_at timestamptz NOT NULL,
        author_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        text text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (outcome IS NULL OR type = 'call')
      )`);
    await queryRunner.query(`CREATE INDEX activity_company_idx ON activity (company_id, occurred_at DESC)`);
    await queryRunner.query(`CREATE INDEX activity_structure_idx ON activity (structure_id, occurred_at)`);

    await queryRunner.query(`
      CREATE TABLE stage_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
        company_id uuid NOT NULL REFERENCES company(id) ON DELETE CASCADE,
        from_stage_id uuid REFERENCES pipeline_stage(id),
        to_stage_id uuid NOT NULL REFERENCES pipeline_stage(id),
        actor_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        activity_id uuid REFERENCES activity(id) ON DELETE SET NULL,
        reason text,
        occurred_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX stage_event_company_idx ON stage_event (company_id, occurred_at DESC)`);
    await queryRunner.query(`CREATE INDEX stage_event_structure_idx ON stage_event (structure_id, occurred_at)`);

    await queryRunner.query(`
      CREATE TABLE import_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        filename text NOT NULL,
        content text NOT NULL,
        duplicates text NOT NULL CHECK (duplicates IN ('skip', 'merge')),
        dry_run boolean NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
        format text,
        total_rows int NOT NULL DEFAULT 0,
        processed_rows int NOT NULL DEFAULT 0,
        created_count int NOT NULL DEFAULT 0,
        merged_count int NOT NULL DEFAULT 0,
        skipped_count int NOT NULL DEFAULT 0,
        rejected_count int NOT NULL DEFAULT 0,
        report jsonb NOT NULL DEFAULT '{}',
        error text,
        started_at timestamptz,
        finished_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX import_run_structure_idx ON import_run (structure_id, created_at DESC)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE import_run`);
    await queryRunner.query(`DROP TABLE stage_event`);
    await queryRunner.query(`DROP TABLE activity`);
    await queryRunner.query(`DROP TABLE contact`);
    await queryRunner.query(`DROP TABLE company`);
    await queryRunner.query(`DROP TABLE pipeline_stage`);
    await queryRunner.query(`ALTER TABLE structure DROP COLUMN cadence_rules`);
    await queryRunner.query(`UPDATE mail_outbox SET status = 'failed' WHERE status = 'suppressed'`);
    await queryRunner.query(`ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_status_check`);
    await queryRunner.query(
      `ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_status_check CHECK (status IN ('pending', 'sent', 'failed'))`,
    );
  }
}
