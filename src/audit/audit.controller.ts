import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Page } from '../common/pagination';
import { Actor } from '../tenancy/actor';
import { AuditService } from './audit.service';
import { AuditEventView, AuditQuery } from './dto/audit.dto';

@ApiTags('audit')
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /**
   * The structure's audit trail, newest first (managers and admins): changes to companies,
   * candidates, placements and accounts (`kind=changes`), and who read a candidate's constraints
   * and notes (`kind=sensitive_reads`). Sensitive values never appear, only that they changed.
   */
  @Get()
  @Roles('manager')
  list(@CurrentActor() actor: Actor, @Query() query: AuditQuery): Promise<Page<AuditEventView>> {
    return this.audit.list(actor, query);
  }
}
