import { Body, Controller, Get, Param, Post, Redirect, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, CurrentSession, Roles } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { FailedSendsService } from '../../jobs/failed-sends.service';
import { QUEUE_BOARD_PATH } from '../../jobs/queue-board';
import { Actor } from '../../tenancy/actor';
import { CreateUserDto } from '../../users/dto/user.dto';
import { UsersService } from '../../users/users.service';
import { isConfirmed, renderConfirmation } from '../kit/confirm';
import { Raw } from '../kit/forms';
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
      scripts: ['/static/confirm.js'],
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
  async deactivateUser(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: Raw,
    @Res() response: Response,
  ) {
    if (!isConfirmed(body)) {
      const user = await this.users.get(actor, id);
      return renderConfirmation(this.pages, actor, session, response, '/administration', {
        title: `Désactiver le compte de ${user.firstName} ${user.lastName} ?`,
        sentence: 'Cette personne ne pourra plus se connecter. Son historique est conservé.',
        action: `/administration/utilisateurs/${id}/desactiver`,
        confirmLabel: 'Désactiver',
        backHref: '/administration',
      });
    }
    await this.users.update(actor, id, { active: false });
    return response.redirect(303, '/administration');
  }
}
