import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Every domain row belongs to one structure; ScopedRepository relies on this column. */
export abstract class StructureOwned {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'structure_id', type: 'uuid' })
  structureId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
