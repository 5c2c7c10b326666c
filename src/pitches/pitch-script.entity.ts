import { Column, Entity } from 'typeorm';
import { StructureOwned } from '../tenancy/structure-owned.entity-base';

export const SCRIPT_KINDS = ['first_call', 'first_meeting', 'follow_up_call', 'other'] as const;
export type ScriptKind = (typeof SCRIPT_KINDS)[number];

export const SCRIPT_KIND_LABELS: Record<ScriptKind, string> = {
  first_call: 'Premier appel',
  first_meeting: 'Premier rendez-vous',
  follow_up_call: 'Appel de relance',
  other: 'Autre',
};

/** Which companies a script is written for; empty lists mean every company. */
export interface ScriptTargeting {
  /** NAF prefixes such as `47` (division), `47.1`, `47.11` or `47.11D`. */
  nafPrefixes: string[];
  /** INSEE headcount band codes. */
  headcountBands: string[];
}

export interface ScriptObjection {
  /** Stable across versions, so statistics follow an objection whose wording is improved. */
  key: string;
  objection: string;
  answer: string;
}

export interface ScriptSections {
  opening: string;
  /** What the structure offers the company. */
  offer: string;
  /** Questions that uncover needs never published. */
  questions: string[];
  objections: ScriptObjection[];
  /** The closing ask: a meeting, a job sheet, an immersion... */
  closing: string;
}

/** An argumentaire. Its content lives in versions; it is archived, never deleted. */
@Entity('pitch_script')
export class PitchScript extends StructureOwned {
  @Column({ type: 'text' })
  kind!: ScriptKind;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'current_version', type: 'int', default: 1 })
  currentVersion!: number;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;
}
