import { Body, Controller, Get, Param, Post, Query, Redirect, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, CurrentSession, Roles } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { FailedSendsService } from '../../mail/failed-sends.service';
import { QUEUE_BOARD_PATH } from '../../jobs/queue-board';
import { Actor, Role, ROLES } from '../../tenancy/actor';
import { ValidationFailedException } from '../../common/validation';
import { FIELD } from '../../refusals/index';
import { because } from '../../refusals/refused';
import { CreateUserDto } from '../../users/dto/user.dto';
import { PasswordResetService } from '../../users/password-reset.service';
import { UsersService } from '../../users/users.service';
import { conflictFr } from '../companies/company.view';
import { isConfirmed, renderConfirmation } from '../kit/confirm';
import { isFormRefusal, Raw, text } from '../kit/forms';
import { PageContext } from '../kit/page-context';
import { ADMIN_NOTICES, AdminNotice, userRows } from './administration.view';

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** The administration page: the team's accounts and the e-mails that could not be sent. */
@ApiExcludeController()
@Controller()
export class AdministrationPagesController {
  constructor(
    private readonly users: UsersService,
    private readonly pages: PageContext,
    private readonly failedSends: FailedSendsService,
    private readonly resets: PasswordResetService,
  ) {}

  @Get('administration')
  @Roles('admin')
  async administration(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() query: Raw, @Res() response: Response) {
    return this.render(actor, session, response, 200, { notice: ADMIN_NOTICES.read(query) });
  }

  /** A person's role: staff, manager or admin (an admin keeps their own). */
  @Post('administration/utilisateurs/:id/role')
  @Roles('admin')
  async changeRole(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Param('id', ParseIdPipe) id: string, @Body() body: Raw, @Res() response: Response) {
    const role = text(body.role);
    return this.act(actor, session, response, id, 'role', () => {
      if (!isRole(role)) {
        throw new ValidationFailedException([{ field: 'role', message: `role must be one of ${ROLES.join(', ')}`, ...because(FIELD.invalid, { field: 'role' }) }]);
      }
      return this.users.update(actor, id, { role });
    });
  }

  @Post('administration/utilisateurs/:id/reactiver')
  @Roles('admin')
  async reactivate(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Param('id', ParseIdPipe) id: string, @Res() response: Response) {
    return this.act(actor, session, response, id, 'reactive', () => this.users.update(actor, id, { active: true }));
  }

  /** E-mails the person a single-use link to choose a new password. */
  @Post('administration/utilisateurs/:id/reinitialiser')
  @Roles('admin')
  async sendReset(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Param('id', ParseIdPipe) id: string, @Res() response: Response) {
    return this.act(actor, session, response, id, 'lien', () => this.resets.send(actor, id));
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
    return response.redirect(303, ADMIN_NOTICES.to('/administration', 'desactive', `compte-${id}`));
  }

  /** One action on an account: back to its row with a notice, or the page again with the refusal in view. */
  private async act(
    actor: Actor,
    session: Session,
    response: Response,
    id: string,
    done: AdminNotice,
    action: () => Promise<unknown>,
  ) {
    try {
      await action();
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.render(actor, session, response, error.getStatus(), { refusal: { userId: id, message: conflictFr(error).message } });
    }
    return response.redirect(303, ADMIN_NOTICES.to('/administration', done, `compte-${id}`));
  }

  private async render(
    actor: Actor,
    session: Session,
    response: Response,
    status: number,
    state: { notice?: string; refusal?: { userId: string; message: string } },
  ) {
    const [users, failedSends] = await Promise.all([
      this.users.list(actor, { limit: 200, offset: 0 }),
      this.failedSends.list(actor),
    ]);
    const context = await this.pages.build(actor, session, '/administration', {
      title: 'Administration',
      styles: ['/static/company.css'],
      scripts: ['/static/confirm.js'],
      failedSends,
      queueBoardPath: QUEUE_BOARD_PATH,
      notice: state.notice,
      users: userRows(users.items, actor.userId, state.refusal),
    });
    return response.status(status).render('administration/administration', context);
  }
}
