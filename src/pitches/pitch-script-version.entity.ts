import { Column, Entity } from 'typeorm';
import { StructureOwned } from '../tenancy/structure-owned.entity-base';
import { ScriptKind, ScriptSections, ScriptTargeting } from './pitch-script.entity';

/** One saved state of a script. Activities point to the version used, so edits never rewrite results. */
@Entity('pitch_script_version')
export class PitchScriptVersion extends StructureOwned {
  @Column({ name: 'script_id', type: 'uuid' })
  scriptId!: string;

  @Column({ type: 'int' })
  number!: number;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  kind!: ScriptKind;

  @Column({ type: 'jsonb' })
  targeting!: ScriptTargeting;

  @Column({ type: 'jsonb' })
  sections!: ScriptSections;

  @Column({ name: 'change_note', type: 'text', nullable: true })
  changeNote!: string | null;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId!: string | null;
}
