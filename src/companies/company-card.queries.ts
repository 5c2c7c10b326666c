import { DataSource, SelectQueryBuilder } from 'typeorm';
import { Company } from './company.entity';

/** The company cards' SQL (board columns and lists): scoped to the structure given. */

/** A query over companies (alias `c`) joined to what a card shows, scoped to one structure. */
export function cardQuery(dataSource: DataSource, structureId: string, now: Date): SelectQueryBuilder<Company> {
  return dataSource
    .getRepository(Company)
    .createQueryBuilder('c')
    .select([])
    .addSelect('c.id', 'id')
    .addSelect('c.name', 'name')
    .addSelect('c.commune', 'commune')
    .addSelect('c.postcode', 'postcode')
    .addSelect('c.stage_id', 'stage_id')
    .addSelect('s.name', 'stage_name')
    .addSelect('c.version', 'version')
    .addSelect('c.tags', 'tags')
    .addSelect('c.owner_id', 'owner_id')
    .addSelect(`o.first_name || ' ' || o.last_name`, 'owner_name')
    .addSelect('c.next_action_type', 'next_action_type')
    .addSelect('c.next_action_due', 'next_action_due')
    .addSelect(`to_char(c.next_action_time, 'HH24:MI')`, 'next_action_time')
    .addSelect('c.next_action_note', 'next_action_note')
    .addSelect('c.next_action_owner_id', 'next_action_owner_id')
    .addSelect(`na.first_name || ' ' || na.last_name`, 'next_action_owner_name')
    .addSelect(`to_char(c.resting_until, 'YYYY-MM-DD')`, 'resting_until')
    .addSelect('c.no_contact', 'no_contact')
    .addSelect(
      `(s.kind = 'open' AND s.stalled_after_days IS NOT NULL
        AND c.stage_entered_at < CAST(:now AS timestamptz) - make_interval(days => s.stalled_after_days))`,
      'stalled',
    )
    .innerJoin('pipeline_stage', 's', 's.id = c.stage_id')
    .leftJoin('app_user', 'o', 'o.id = c.owner_id')
    .leftJoin('app_user', 'na', 'na.id = c.next_action_owner_id')
    .where('c.structure_id = :structureId', { structureId, now: now.toISOString() });
}
