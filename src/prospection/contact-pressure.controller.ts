import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { CompaniesService } from '../companies/companies.service';
import { CompanyView } from '../companies/dto/company-view.dto';
import { Actor } from '../tenancy/actor';
import { RestSettings } from './contact-pressure';
import { ContactPressureService } from './contact-pressure.service';
import { RestSettingsDto } from './dto/rest-settings.dto';

/** Contact pressure: the structure's automatic rest settings, and ending a company's rest by hand. */
@ApiTags('prospection')
@Controller('api')
export class ContactPressureController {
  constructor(
    private readonly pressure: ContactPressureService,
    private readonly companies: CompaniesService,
  ) {}

  @Get('pipeline/rest')
  restSettings(@CurrentActor() actor: Actor): Promise<RestSettings> {
    return this.pressure.restSettings(actor);
  }

  @Put('pipeline/rest')
  @Roles('manager')
  setRestSettings(@CurrentActor() actor: Actor, @Body() input: RestSettingsDto): Promise<RestSettings> {
    return this.pressure.updateRestSettings(actor, input);
  }

  /** « Reprendre le contact »: the company's rest ends now, and the unanswered calls before it no longer count. */
  @Delete('companies/:id/rest')
  async endRest(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<CompanyView> {
    await this.pressure.endRest(actor, id);
    return this.companies.get(actor, id);
  }
}
