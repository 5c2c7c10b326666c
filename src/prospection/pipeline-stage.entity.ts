import { Column, Entity } from 'typeorm';
import { StructureOwned } from '../tenancy/structure-owned.entity-base';

/** open: a step of the pipeline; no_need and refused: the closed states. */
export const STAGE_KINDS = ['open', 'no_need', 'refused'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

/** A column of a structure's prospection board. Archived stages keep their history. */
@Entity('pipeline_stage')
export class PipelineStage extends StructureOwned {
  /** Stable name of a seeded SEVE stage, so renaming it never breaks the funnel; null for added ones. */
  @Column({ type: 'text', nullable: true })
  key!: string | null;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'text' })
  kind!: StageKind;

  @Column({ name: 'stalled_after_days', type: 'int', nullable: true })
  stalledAfterDays!: number | null;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;
}
