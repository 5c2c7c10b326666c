import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../tenancy/actor';
import { FailedSend, failedSendsOf } from './failed-sends.queries';

/** What kept failing to leave, for the admins of the structure: check-ins and other e-mails. */
@Injectable()
export class FailedSendsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(actor: Actor, limit = 100): Promise<FailedSend[]> {
    return failedSendsOf(this.dataSource.manager, actor.structureId, limit);
  }
}
