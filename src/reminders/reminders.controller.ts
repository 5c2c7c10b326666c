import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CurrentActor } from '../auth/auth.decorators';
import { Actor } from '../tenancy/actor';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { formatTimeOfDay } from './digest';
import { ReminderSettingsDto, ReminderSettingsView } from './reminders.dto';

/** Each user's own reminder settings: the daily digest and meeting reminders. */
@ApiTags('reminders')
@Controller('api/me/reminders')
export class RemindersController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
  ) {}

  @Get()
  async get(@CurrentActor() actor: Actor): Promise<ReminderSettingsView> {
    return this.view(actor);
  }

  @Put()
  async put(@CurrentActor() actor: Actor, @Body() input: ReminderSettingsDto): Promise<ReminderSettingsView> {
    await this.users.updateReminders(actor, {
      digestEnabled: input.digestEnabled,
      digestTime: input.digestTime,
      meetingRemindersEnabled: input.meetingRemindersEnabled,
    });
    return this.view(actor);
  }

  private async view(actor: Actor): Promise<ReminderSettingsView> {
    const user = await this.dataSource.getRepository(User).findOneOrFail({
      where: { id: actor.userId, structureId: actor.structureId },
      select: { id: true, digestEnabled: true, digestTime: true, meetingRemindersEnabled: true },
    });
    return {
      digestEnabled: user.digestEnabled,
      digestTime: formatTimeOfDay(user.digestTime),
      meetingRemindersEnabled: user.meetingRemindersEnabled,
    };
  }
}
