import { Body, Controller, Get, Param, Post, Redirect, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CurrentActor, CurrentSession, Roles } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { FailedSendsService } from '../../jobs/failed-sends.service';
import { QUEUE_BOARD_PATH } from '../../jobs/queue-board';
import { Actor } from '../../tenancy/actor';
import { CreateUserDto } from '../../users/dto/user.dto';
import { UsersService } from '../../users/users.service';
import { PageContext } from '../kit/page-context';
import { userRows } from './administration.view';

/** The administration page: the team's accounts and the e-mails that could not be sent. */
@ApiExcludeController()
@Controller()
export class AdministrationPagesController {
  constructor(
    private readonly users: UsersService,
    private readonly pages: PageContext,
    private readonly failedSends: FailedSendsService,
  ) {}

  @Get('administration')
  @Roles('admin')
  @Render('administration/administration')
  async administration(@CurrentActor() actor: Actor, @CurrentSession() session: Session) {
    const [users, failedSends] = await Promise.all([
      this.users.list(actor, { limit: 200, offset: 0 }),
      this.failedSends.list(actor),
    ]);
    return this.pages.build(actor, session, '/administration', {
      title: 'Administration',
      failedSends,
      queueBoardPath: QUEUE_BOARD_PATH,
      users: userRows(users.items, actor.userId),
    });
  }

  @Post('administration/utilisateurs')
  @Roles('admin')
  @Redirect('/administration', 303)
  async createUser(@CurrentActor() actor: Actor, @Body() input: CreateUserDto) {
    // A refusal reaches the error page as its French sentence (an address already used names no structure).
    await this.users.create(actor, input);
  }

  @Post('administration/utilisateurs/:id/desactiver')
  @Roles('admin')
  @Redirect('/administration', 303)
  async deactivateUser(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    await this.users.update(actor, id, { active: false });
  }
}
