import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AlertKind, StaffAlert } from '../checkins/staff-alert.entity';

export interface AlertInput {
  structureId: string;
  /** The staff member who must act: the placement's owner (or a manager for a rupture). */
  userId: string | null;
  placementId: string | null;
  checkInId: string | null;
  kind: AlertKind;
  message: string;
}

/** Alerts for staff: raised once per check-in and kind (a repeated job raises nothing new). */
@Injectable()
export class AlertsService {
  /** Records the alert in the caller's transaction; null when that check-in already raised this kind. */
  async raise(manager: EntityManager, input: AlertInput): Promise<StaffAlert | null> {
    const rows: StaffAlert[] = await manager
      .createQueryBuilder()
      .insert()
      .into(StaffAlert)
      .values(input)
      .orIgnore()
      .returning('*')
      .execute()
      .then((result) => result.generatedMaps as StaffAlert[]);
    return rows.length && rows[0].id ? (rows[0] as StaffAlert) : null;
  }
}
