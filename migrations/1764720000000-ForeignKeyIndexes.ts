import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the foreign keys that rows are deleted or nulled through (a contact, a planned
 * placement, an activity, a lead): without them each such change scans the large tables
 * (a million activities) once per row. Partial where most rows hold no reference.
 */
const INDEXES: Array<[name: string, definition: string]> = [
  ['activity_contact_idx', 'activity (contact_id) WHERE contact_id IS NOT NULL'],
  ['stage_event_activity_idx', 'stage_event (activity_id) WHERE activity_id IS NOT NULL'],
  ['job_lead_contact_idx', 'job_lead (contact_id) WHERE contact_id IS NOT NULL'],
  ['job_lead_source_activity_idx', 'job_lead (source_activity_id) WHERE source_activity_id IS NOT NULL'],
  ['placement_company_idx', 'placement (company_id)'],
  ['placement_lead_idx', 'placement (lead_id) WHERE lead_id IS NOT NULL'],
  ['placement_proposal_idx', 'placement (proposal_id) WHERE proposal_id IS NOT NULL'],
  ['placement_employer_contact_idx', 'placement (employer_contact_id) WHERE employer_contact_id IS NOT NULL'],
  ['staff_alert_placement_idx', 'staff_alert (placement_id) WHERE placement_id IS NOT NULL'],
  ['email_suppression_contact_idx', 'email_suppression (contact_id) WHERE contact_id IS NOT NULL'],
];

export class ForeignKeyIndexes1764720000000 implements MigrationInterface {
  name = 'ForeignKeyIndexes1764720000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, definition] of INDEXES) await queryRunner.query(`CREATE INDEX ${name} ON ${definition}`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of [...INDEXES].reverse()) await queryRunner.query(`DROP INDEX ${name}`);
  }
}
