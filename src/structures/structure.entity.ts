import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const STRUCTURE_TYPES = ['ACI', 'EI', 'AI', 'ETTI', 'OTHER'] as const;
export type StructureType = (typeof STRUCTURE_TYPES)[number];

/** An organisation using Tremplin (an SIAE or a similar employment-support body). */
@Entity('structure')
export class Structure {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  type!: StructureType;

  @Column({ type: 'text', nullable: true })
  territory!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
