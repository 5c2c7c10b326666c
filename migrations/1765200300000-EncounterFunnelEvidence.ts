import { MigrationInterface, QueryRunner } from 'typeorm';

const EVIDENCE_BEFORE = `
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
          FROM placement p WHERE p.kind = 'contract' AND p.status IN ('started', 'ended')`;

/**
 * A company visit that took place is a meeting held with each of its companies, on its day.
 * « Took place »: not cancelled, and its attendance marked after its start (the service lets staff
 * mark who came, present or absent, only once it has started; a visit moved after the marking no
 * longer counts until marked again). The database's own clock is not used: the app's one clock
 * decides when an encounter has started. Unlike the other evidence, a visit can be cancelled or
 * moved afterwards, so its companies are recomputed (`company_funnel_refresh`) rather than noted.
 * A need found at a job dating is a job lead, which already counts whatever brought it.
 */
export class EncounterFunnelEvidence1765200300000 implements MigrationInterface {
  name = 'EncounterFunnelEvidence1765200300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE VIEW company_funnel_evidence AS ${EVIDENCE_BEFORE}
        UNION ALL
        SELECT ec.company_id, ec.structure_id, 'meeting', n.starts_at, n.organiser_id, NULL
          FROM encounter_company ec JOIN encounter n ON n.id = ec.encounter_id
         WHERE n.kind = 'company_visit' AND n.status = 'planned'
           AND n.attendance_marked_at IS NOT NULL AND n.attendance_marked_at >= n.starts_at`);

    await queryRunner.query(`
      CREATE FUNCTION company_funnel_on_encounter() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM company_funnel_refresh(ec.company_id) FROM encounter_company ec WHERE ec.encounter_id = NEW.id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER company_funnel_encounter AFTER UPDATE OF kind, status, starts_at, attendance_marked_at, organiser_id ON encounter
       FOR EACH ROW WHEN (OLD.kind = 'company_visit' OR NEW.kind = 'company_visit')
       EXECUTE FUNCTION company_funnel_on_encounter()`,
    );
    await queryRunner.query(`
      CREATE FUNCTION company_funnel_on_encounter_company() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        link encounter_company := CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
      BEGIN
        PERFORM company_funnel_refresh(link.company_id)
           FROM encounter n WHERE n.id = link.encounter_id AND n.kind = 'company_visit' AND n.attendance_marked_at IS NOT NULL;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER company_funnel_encounter_company AFTER INSERT OR DELETE ON encounter_company
       FOR EACH ROW EXECUTE FUNCTION company_funnel_on_encounter_company()`,
    );
    await queryRunner.query(`SELECT company_funnel_rebuild(id) FROM structure`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER company_funnel_encounter_company ON encounter_company`);
    await queryRunner.query(`DROP TRIGGER company_funnel_encounter ON encounter`);
    await queryRunner.query(`DROP FUNCTION company_funnel_on_encounter_company()`);
    await queryRunner.query(`DROP FUNCTION company_funnel_on_encounter()`);
    await queryRunner.query(`CREATE OR REPLACE VIEW company_funnel_evidence AS ${EVIDENCE_BEFORE}`);
    await queryRunner.query(`SELECT company_funnel_rebuild(id) FROM structure`);
  }
}
