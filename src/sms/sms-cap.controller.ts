import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Actor } from '../tenancy/actor';
import { SmsCapDto } from './dto/sms-cap.dto';
import { SmsCapService, SmsCapView } from './sms-cap.service';

@ApiTags('sms')
@Controller('api/sms/cap')
export class SmsCapController {
  constructor(private readonly caps: SmsCapService) {}

  @Get()
  get(@CurrentActor() actor: Actor): Promise<SmsCapView> {
    return this.caps.get(actor);
  }

  @Put()
  @Roles('manager')
  update(@CurrentActor() actor: Actor, @Body() input: SmsCapDto): Promise<SmsCapView> {
    return this.caps.update(actor, input.monthlyCap);
  }
}
