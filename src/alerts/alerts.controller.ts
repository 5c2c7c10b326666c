import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { trimToNull } from '../common/transforms';
import { RefuseAs } from '../common/validation';
import { CHECKIN } from '../refusals/index';
import { CurrentActor } from '../auth/auth.decorators';
import { Page, PageQuery } from '../common/pagination';
import { Actor } from '../tenancy/actor';
import { AlertListService, AlertView } from './alert-list.service';
import { ParseIdPipe } from '../common/parse-id.pipe';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class AlertListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only my alerts (staff always see only theirs)', default: false })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  mine?: boolean;

  @ApiPropertyOptional({ description: 'false: to handle (default); true: handled', default: false })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  resolved?: boolean = false;
}

export class ResolveAlertDto {
  @ApiPropertyOptional({ description: 'What was done about it (kept with the alert; personal: redacted with the person)' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(2000)
  @RefuseAs(CHECKIN.alertNoteInvalid)
  note?: string | null;
}

@ApiTags('alerts')
@Controller('api/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertListService) {}

  /**
   * Follow-up alerts: staff see their own, managers and admins the whole structure (or theirs with
   * mine=true). Alerts carry the answers behind them: their people's read is recorded.
   */
  @Get()
  async list(@CurrentActor() actor: Actor, @Query() query: AlertListQuery): Promise<Page<AlertView>> {
    const page = await this.alerts.list(actor, query);
    await this.alerts.recordAnswersRead(actor, page.items, { via: 'api', path: 'GET /api/alerts' });
    return page;
  }

  /** One alert with the answer behind it (its people's read is recorded). */
  @Get(':id')
  async get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<AlertView> {
    const alert = await this.alerts.get(actor, id);
    await this.alerts.recordAnswersRead(actor, [alert], { via: 'api', path: 'GET /api/alerts/:id' });
    return alert;
  }

  @Post(':id/resolve')
  @HttpCode(200)
  async resolve(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: ResolveAlertDto): Promise<AlertView> {
    const alert = await this.alerts.resolve(actor, id, body.note ?? null);
    await this.alerts.recordAnswersRead(actor, [alert], { via: 'api', path: 'POST /api/alerts/:id/resolve' });
    return alert;
  }
}
