import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { Role } from '../tenancy/actor';
import { StructureOwned } from '../tenancy/structure-owned.entity-base';
import { Structure } from '../structures/structure.entity';

/** A permanent staff member of a structure who logs into Tremplin. */
@Entity('app_user')
export class User extends StructureOwned {
  @ManyToOne(() => Structure, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'structure_id' })
  structure?: Structure;

  /** Stored lower-cased; unique across Tremplin because login does not ask for a structure. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ name: 'first_name', type: 'text' })
  firstName!: string;

  @Column({ name: 'last_name', type: 'text' })
  lastName!: string;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text' })
  role!: Role;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'failed_login_count', type: 'int', default: 0 })
  failedLoginCount!: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  /** The daily digest of follow-ups, at `digestTime` Europe/Paris on working days. */
  @Column({ name: 'digest_enabled', type: 'boolean', default: true })
  digestEnabled!: boolean;

  @Column({ name: 'digest_time', type: 'time', default: '08:00' })
  digestTime!: string;

  @Column({ name: 'meeting_reminders_enabled', type: 'boolean', default: true })
  meetingRemindersEnabled!: boolean;
}
