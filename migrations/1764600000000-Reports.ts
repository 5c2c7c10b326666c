import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports. `company_funnel` keeps, per company, the first time each funnel step was evidenced by
 * an event (activity, stage change, lead, proposal, started contract). It is a projection of those
 * append-only events, kept by triggers so every writer (API, import, seeds, COPY) feeds it, and
 * rebuilt from the same events by `company_funnel_rebuild(structure)`. Values only ever move
 * earlier: moving a card back never rewrites the funnel. See docs/reports.md.
 */
export class Reports1764600000000 implements MigrationInterface {
  name = 'Reports1764600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE company_funnel (
        company_id uuid PRIMARY KEY REFERENCES company(id) ON DELETE CASCADE,
        structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
        first_call_at timestamptz,
        first_call_script_version_id uuid,
        contact_at timestamptz,
        meeting_at timestamptz,
        need_at timestamptz,
        proposal_at timestamptz,
        hire_at timestamptz,
        contacted_at timestamptz NOT NULL,
        contacted_by uuid REFERENCES app_user(id) ON DELETE SET NULL
      )`);
    await queryRunner.query(`CREATE INDEX company_funnel_cohort_idx ON company_funnel (structure_id, contacted_at)`);

    // One entry point for every kind of evidence; the ON CONFLICT branch reads the old row, so
    // each column takes the earliest value and the attribution follows the earliest contact.
    await queryRunner.query(`
      CREATE FUNCTION company_funnel_note(p_company uuid, p_structure uuid, p_step text, p_at timestamptz,
                                          p_actor uuid, p_script uuid) RETURNS void
      LANGUAGE plpgsql AS $$
      BEGIN
        IF p_at IS NULL THEN RETURN; END IF;
        INSERT INTO company_funnel AS f (company_id, structure_id, first_call_at, first_call_script_version_id,
                                         contact_at, meeting_at, need_at, proposal_at, hire_at, contacted_at, contacted_by)
        VALUES (p_company, p_structure,
                CASE WHEN p_step = 'call' THEN p_at END,
                CASE WHEN p_step = 'call' THEN p_script END,
                CASE WHEN p_step = 'contact' THEN p_at END,
                CASE WHEN p_step = 'meeting' THEN p_at END,
                CASE WHEN p_step = 'need' THEN p_at END,
                CASE WHEN p_step = 'proposal' THEN p_at END,
                CASE WHEN p_step = 'hire' THEN p_at END,
                p_at, p_actor)
        ON CONFLICT (company_id) DO UPDATE SET
          first_call_script_version_id = CASE WHEN p_step = 'call' AND (f.first_call_at IS NULL OR p_at < f.first_call_at)
                                              THEN p_script ELSE f.first_call_script_version_id END,
          first_call_at = CASE WHEN p_step = 'call' THEN LEAST(f.first_call_at, p_at) ELSE f.first_call_at END,
          contact_at = CASE WHEN p_step = 'contact' THEN LEAST(f.contact_at, p_at) ELSE f.contact_at END,
          meeting_at = CASE WHEN p_step = 'meeting' THEN LEAST(f.meeting_at, p_at) ELSE f.meeting_at END,
          need_at = CASE WHEN p_step = 'need' THEN LEAST(f.need_at, p_at) ELSE f.need_at END,
          proposal_at = CASE WHEN p_step = 'proposal' THEN LEAST(f.proposal_at, p_at) ELSE f.proposal_at END,
          hire_at = CASE WHEN p_step = 'hire' THEN LEAST(f.hire_at, p_at) ELSE f.hire_at END,
          contacted_by = CASE WHEN p_at < f.contacted_at THEN p_actor ELSE f.contacted_by END,
          contacted_at = LEAST(f.contacted_at, p_at);
      END $$`);

    // The evidence, as one view: what the triggers feed row by row, and what a rebuild reads.
    await queryRunner.query(`
      CREATE VIEW company_funnel_evidence AS
        SELECT a.company_id, a.structure_id, 'call'::text AS step, a.occurred_at AS at, a.author_id AS actor,
               a.script_version_id AS script
          FROM activity a WHERE a.type = 'call'
        UNION ALL
        SELECT a.company_id, a.structure_id, 'meeting', a.occurred_at, a.author_id, NULL
          FROM activity a WHERE a.type = 'meeting'
        UNION ALL
        SELECT a.company_id, a.structure_id, 'need', a.occurred_at, a.author_id, NULL
          FROM activity a WHERE a.outcome = 'need_found'
        UNION ALL
        SELECT e.company_id, e.structure_id,
               CASE s.key WHEN 'meeting_held' THEN 'meeting' WHEN 'need_found' THEN 'need'
                          WHEN 'candidate_proposed' THEN 'proposal' ELSE 'contact' END,
               e.occurred_at, e.actor_id, NULL
          FROM stage_event e JOIN pipeline_stage s ON s.id = e.to_stage_id
         WHERE e.from_stage_id IS NOT NULL AND s.key IS DISTINCT FROM 'to_prospect'
        UNION ALL
        SELECT l.company_id, l.structure_id, 'need', l.spotted_at, l.owner_id, NULL FROM job_lead l
        UNION ALL
        SELECT l.company_id, p.structure_id, 'proposal', p.proposed_at, p.proposed_by, NULL
          FROM proposal p JOIN job_lead l ON l.id = p.lead_id
        UNION ALL
        SELECT p.company_id, p.structure_id, 'hire', (p.start_date::timestamp AT TIME ZONE 'Europe/Paris'), p.owner_id, NULL
          FROM placement p WHERE p.kind = 'contract' AND p.status IN ('started', 'ended')`);

    await queryRunner.query(`
      CREATE FUNCTION company_funnel_rebuild(p_structure uuid) RETURNS void
      LANGUAGE sql AS $$
        DELETE FROM company_funnel WHERE structure_id = p_structure;
        INSERT INTO company_funnel (company_id, structure_id, first_call_at, first_call_script_version_id, contact_at,
                                    meeting_at, need_at, proposal_at, hire_at, contacted_at, contacted_by)
        SELECT company_id, structure_id,
               min(at) FILTER (WHERE step = 'call'),
               (array_agg(script ORDER BY at) FILTER (WHERE step = 'call'))[1],
               min(at) FILTER (WHERE step = 'contact'),
               min(at) FILTER (WHERE step = 'meeting'),
               min(at) FILTER (WHERE step = 'need'),
               min(at) FILTER (WHERE step = 'proposal'),
               min(at) FILTER (WHERE step = 'hire'),
               min(at),
               (array_agg(actor ORDER BY at))[1]
          FROM company_funnel_evidence
         WHERE structure_id = p_structure AND at IS NOT NULL
         GROUP BY company_id, structure_id;
      $$`);

    await queryRunner.query(`
      CREATE FUNCTION company_funnel_on_activity() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.type = 'call' THEN
          PERFORM company_funnel_note(NEW.company_id, NEW.structure_id, 'call', NEW.occurred_at, NEW.author_id, NEW.script_version_id);
        ELSIF NEW.type = 'meeting' THEN
          PERFORM company_funnel_note(NEW.company_id, NEW.structure_id, 'meeting', NEW.occurred_at, NEW.author_id, NULL);
        END IF;
        IF NEW.outcome = 'need_found' THEN
          PERFORM company_funnel_note(NEW.company_id, NEW.structure_id, 'need', NEW.occurred_at, NEW.author_id, NULL);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER company_funnel_activity AFTER INSERT ON activity FOR EACH ROW EXECUTE FUNCTION company_funnel_on_activity()`,
    );

    await queryRunner.query(`
      CREATE FUNCTION company_funnel_on_stage_event() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        stage_key text;
      BEGIN
        IF NEW.from_stage_id IS NULL THEN RETURN NULL; END IF;
        SELECT key INTO stage_key FROM pipeline_stage WHERE id = NEW.to_stage_id;
        IF stage_key IS NOT DISTINCT FROM 'to_prospect' THEN RETURN NULL; END IF;
        PERFORM company_funnel_note(NEW.company_id, NEW.structure_id,
          CASE stage_key WHEN 'meeting_held' THEN 'meeting' WHEN 'need_found' THEN 'need'
                         WHEN 'candidate_proposed' THEN 'proposal' ELSE 'contact' END,
          NEW.occurred_at, NEW.actor_id, NULL);
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER company_funnel_stage_event AFTER INSERT ON stage_event FOR EACH ROW EXECUTE FUNCTION company_funnel_on_stage_event()`,
    );

    await queryRunner.query(`
      CREATE FUNCTION company_funnel_on_lead() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM company_funnel_note(NEW.company_id, NEW.structure_id, 'need', NEW.spotted_at, NEW.owner_id, NULL);
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER company_funnel_lead AFTER INSERT OR UPDATE OF spotted_at ON job_lead FOR EACH ROW EXECUTE FUNCTION company_funnel_on_lead()`,
    );

    await queryRunner.query(`
      CREATE FUNCTION company_funnel_on_proposal() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM company_funnel_note(l.company_id, NEW.structure_id, 'proposal', NEW.proposed_at, NEW.proposed_by, NULL)
          FROM job_lead l WHERE l.id = NEW.lead_id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER company_funnel_proposal AFTER INSERT ON proposal FOR EACH ROW EXECUTE FUNCTION company_funnel_on_proposal()`,
    );

    await queryRunner.query(`
      CREATE FUNCTION company_funnel_on_placement() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.kind = 'contract' AND NEW.status IN ('started', 'ended') THEN
          PERFORM company_funnel_note(NEW.company_id, NEW.structure_id, 'hire',
            (NEW.start_date::timestamp AT TIME ZONE 'Europe/Paris'), NEW.owner_id, NULL);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER company_funnel_placement AFTER INSERT OR UPDATE OF status, start_date, kind ON placement
       FOR EACH ROW EXECUTE FUNCTION company_funnel_on_placement()`,
    );

    // Whatever already happened before this migration.
    await queryRunner.query(`SELECT company_funnel_rebuild(id) FROM structure`);

    // Weekly activity targets: the structure's defaults, and a per-person override.
    await queryRunner.query(`ALTER TABLE structure ADD COLUMN activity_targets jsonb`);
    await queryRunner.query(`ALTER TABLE app_user ADD COLUMN activity_targets jsonb`);

    // The activity report reads (time, author, type) of a year of activities from the index alone.
    await queryRunner.query(`DROP INDEX activity_structure_idx`);
    await queryRunner.query(
      `CREATE INDEX activity_structure_idx ON activity (structure_id, occurred_at) INCLUDE (author_id, type)`,
    );
    await queryRunner.query(`CREATE INDEX placement_start_idx ON placement (structure_id, start_date)`);
    await queryRunner.query(
      `CREATE INDEX candidate_exit_idx ON candidate (structure_id, exit_date) WHERE exit_date IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX job_lead_first_proposed_idx ON job_lead (structure_id, first_proposed_at) WHERE first_proposed_at IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX check_in_sent_idx ON check_in (structure_id, sent_at) WHERE sent_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX staff_alert_created_idx ON staff_alert (structure_id, created_at)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX staff_alert_created_idx`);
    await queryRunner.query(`DROP INDEX check_in_sent_idx`);
    await queryRunner.query(`DROP INDEX job_lead_first_proposed_idx`);
    await queryRunner.query(`DROP INDEX candidate_exit_idx`);
    await queryRunner.query(`DROP INDEX placement_start_idx`);
    await queryRunner.query(`DROP INDEX activity_structure_idx`);
    await queryRunner.query(`CREATE INDEX activity_structure_idx ON activity (structure_id, occurred_at)`);
    await queryRunner.query(`ALTER TABLE app_user DROP COLUMN activity_targets`);
    await queryRunner.query(`ALTER TABLE structure DROP COLUMN activity_targets`);
    await queryRunner.query(`DROP TRIGGER company_funnel_placement ON placement`);
    await queryRunner.query(`DROP TRIGGER company_funnel_proposal ON proposal`);
    await queryRunner.query(`DROP TRIGGER company_funnel_lead ON job_lead`);
    await queryRunner.query(`DROP TRIGGER company_funnel_stage_event ON stage_event`);
    await queryRunner.query(`DROP TRIGGER company_funnel_activity ON activity`);
    await queryRunner.query(`DROP FUNCTION company_funnel_on_placement()`);
    await queryRunner.query(`DROP FUNCTION company_funnel_on_proposal()`);
    await queryRunner.query(`DROP FUNCTION company_funnel_on_lead()`);
    await queryRunner.query(`DROP FUNCTION company_funnel_on_stage_event()`);
    await queryRunner.query(`DROP FUNCTION company_funnel_on_activity()`);
    await queryRunner.query(`DROP FUNCTION company_funnel_rebuild(uuid)`);
    await queryRunner.query(`DROP VIEW company_funnel_evidence`);
    await queryRunner.query(`DROP FUNCTION company_funnel_note(uuid, uuid, text, timestamptz, uuid, uuid)`);
    await queryRunner.query(`DROP TABLE company_funnel`);
  }
}
