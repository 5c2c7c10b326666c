import { MigrationInterface, QueryRunner } from 'typeorm';

const OUTCOMES = `'pending', 'interview', 'immersion', 'hired', 'declined_by_employer', 'declined_by_candidate'`;

/**
 * Issue 17, « withdraw a proposal made by mistake »: a proposal's outcome may be `withdrawn`. A
 * withdrawn proposal stays in the lead's history but counts nowhere:
 * - the same candidate may be proposed again to the same lead (the uniqueness now ignores it);
 * - it is no evidence for the funnel, nor is the stage move it made (a stage event now names the
 *   proposal that made it): the view leaves both out, and withdrawing recomputes its company's row
 *   from the remaining evidence (the one case where a funnel value moves later);
 * - withdrawals are journaled (audit entity `proposal`, action `withdraw`).
 */
export class ProposalWithdrawn1764900000000 implements MigrationInterface {
  name = 'ProposalWithdrawn1764900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE proposal DROP CONSTRAINT proposal_outcome_check`);
    await queryRunner.query(`ALTER TABLE proposal ADD CONSTRAINT proposal_outcome_check CHECK (outcome IN (${OUTCOMES}, 'withdrawn'))`);
    await queryRunner.query(`ALTER TABLE proposal DROP CONSTRAINT proposal_lead_id_candidate_id_key`);
    await queryRunner.query(`CREATE UNIQUE INDEX proposal_live_idx ON proposal (lead_id, candidate_id) WHERE outcome <> 'withdrawn'`);
    await queryRunner.query(`ALTER TABLE stage_event ADD COLUMN proposal_id uuid REFERENCES proposal(id) ON DELETE SET NULL`);
    await queryRunner.query(`CREATE INDEX stage_event_proposal_idx ON stage_event (proposal_id) WHERE proposal_id IS NOT NULL`);

    await queryRunner.query(`
      CREATE OR REPLACE VIEW company_funnel_evidence AS
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
           AND NOT EXISTS (SELECT 1 FROM proposal w WHERE w.id = e.proposal_id AND w.outcome = 'withdrawn')
        UNION ALL
        SELECT l.company_id, l.structure_id, 'need', l.spotted_at, l.owner_id, NULL FROM job_lead l
        UNION ALL
        SELECT l.company_id, p.structure_id, 'proposal', p.proposed_at, p.proposed_by, NULL
          FROM proposal p JOIN job_lead l ON l.id = p.lead_id
         WHERE p.outcome <> 'withdrawn'
        UNION ALL
        SELECT p.company_id, p.structure_id, 'hire', (p.start_date::timestamp AT TIME ZONE 'Europe/Paris'), p.owner_id, NULL
          FROM placement p WHERE p.kind = 'contract' AND p.status IN ('started', 'ended')`);

    // The rebuild, for one company.
    await queryRunner.query(`
      CREATE FUNCTION company_funnel_refresh(p_company uuid) RETURNS void
      LANGUAGE sql AS $$
        DELETE FROM company_funnel WHERE company_id = p_company;
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
         WHERE company_id = p_company AND at IS NOT NULL
         GROUP BY company_id, structure_id;
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION company_funnel_on_proposal_withdrawn() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM company_funnel_refresh(l.company_id) FROM job_lead l WHERE l.id = NEW.lead_id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER company_funnel_proposal_withdrawn AFTER UPDATE OF outcome ON proposal FOR EACH ROW
       WHEN (NEW.outcome = 'withdrawn' AND OLD.outcome <> 'withdrawn') EXECUTE FUNCTION company_funnel_on_proposal_withdrawn()`,
    );

    await queryRunner.query(`ALTER TABLE audit_event DROP CONSTRAINT audit_event_entity_check`);
    await queryRunner.query(
      `ALTER TABLE audit_event ADD CONSTRAINT audit_event_entity_check CHECK (entity IN ('company', 'candidate', 'placement', 'user', 'structure', 'proposal'))`,
    );
    await queryRunner.query(`ALTER TABLE audit_event DROP CONSTRAINT audit_event_action_check`);
    await queryRunner.query(
      `ALTER TABLE audit_event ADD CONSTRAINT audit_event_action_check CHECK (action IN ('create', 'update', 'stage', 'next_action', 'exit', 'start',
                                                                                        'end', 'cancel', 'deactivate', 'sensitive_read', 'withdraw'))`,
    );
  }

  /** Withdrawn proposals are deleted: they counted nowhere, and the old uniqueness would refuse them. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM audit_event WHERE entity = 'proposal' OR action = 'withdraw'`);
    await queryRunner.query(`ALTER TABLE audit_event DROP CONSTRAINT audit_event_action_check`);
    await queryRunner.query(
      `ALTER TABLE audit_event ADD CONSTRAINT audit_event_action_check CHECK (action IN ('create', 'update', 'stage', 'next_action', 'exit', 'start',
                                                                                        'end', 'cancel', 'deactivate', 'sensitive_read'))`,
    );
    await queryRunner.query(`ALTER TABLE audit_event DROP CONSTRAINT audit_event_entity_check`);
    await queryRunner.query(
      `ALTER TABLE audit_event ADD CONSTRAINT audit_event_entity_check CHECK (entity IN ('company', 'candidate', 'placement', 'user', 'structure'))`,
    );
    await queryRunner.query(`DROP TRIGGER company_funnel_proposal_withdrawn ON proposal`);
    await queryRunner.query(`DROP FUNCTION company_funnel_on_proposal_withdrawn()`);
    await queryRunner.query(`DROP FUNCTION company_funnel_refresh(uuid)`);
    await queryRunner.query(`DELETE FROM proposal WHERE outcome = 'withdrawn'`);
    await queryRunner.query(`
      CREATE OR REPLACE VIEW company_funnel_evidence AS
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
    await queryRunner.query(`ALTER TABLE stage_event DROP COLUMN proposal_id`);
    await queryRunner.query(`DROP INDEX proposal_live_idx`);
    await queryRunner.query(`ALTER TABLE proposal ADD CONSTRAINT proposal_lead_id_candidate_id_key UNIQUE (lead_id, candidate_id)`);
    await queryRunner.query(`ALTER TABLE proposal DROP CONSTRAINT proposal_outcome_check`);
    await queryRunner.query(`ALTER TABLE proposal ADD CONSTRAINT proposal_outcome_check CHECK (outcome IN (${OUTCOMES}))`);
  }
}
