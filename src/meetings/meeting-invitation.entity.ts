import { Column, Entity } from 'typeorm';
import { StructureOwned } from '../tenancy/structure-owned.entity-base';

export const MEETING_INVITATION_STATUSES = ['sent', 'cancelled'] as const;
export type MeetingInvitationStatus = (typeof MEETING_INVITATION_STATUSES)[number];

/**
 * The calendar invitation a company contact was sent for a meeting booked with them (the
 * company's next action): its UID is built from the row id, so moving the meeting keeps it.
 * A company has at most one live (`sent`) invitation.
 */
@Entity('meeting_invitation')
export class MeetingInvitation extends StructureOwned {
  @Column({ name: 'company_id', type: 'uuid' })
  companyId!: string;

  @Column({ name: 'contact_id', type: 'uuid' })
  contactId!: string;

  /** The address the invitation went to: its cancellation goes there too. */
  @Column({ type: 'text' })
  recipient!: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  /** RFC 5545 SEQUENCE: 0 when sent, raised by each move and by the cancellation. */
  @Column({ type: 'int', default: 0 })
  sequence!: number;

  @Column({ type: 'text', default: 'sent' })
  status!: MeetingInvitationStatus;
}
