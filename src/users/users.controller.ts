import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Page, PageQuery } from '../common/pagination';
import { Actor } from '../tenancy/actor';
import { CreateUserDto, UpdateUserDto, UserView } from './dto/user.dto';
import { UsersService } from './users.service';
import { PasswordResetService } from './password-reset.service';
import { ParseIdPipe } from '../common/parse-id.pipe';

@ApiTags('users')
@Controller('api/users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly resets: PasswordResetService,
  ) {}

  /** Every staff member sees their colleagues (owners of companies, follow-ups...). */
  @Get()
  async list(@CurrentActor() actor: Actor, @Query() page: PageQuery): Promise<Page<UserView>> {
    const result = await this.users.list(actor, page);
    return { ...result, items: result.items.map(UserView.of) };
  }

  @Get(':id')
  async get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<UserView> {
    return UserView.of(await this.users.get(actor, id));
  }

  @Post()
  @Roles('admin')
  async create(@CurrentActor() actor: Actor, @Body() input: CreateUserDto): Promise<UserView> {
    return UserView.of(await this.users.create(actor, input));
  }

  @Patch(':id')
  @Roles('admin')
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() input: UpdateUserDto,
  ): Promise<UserView> {
    return UserView.of(await this.users.update(actor, id, input));
  }

  /** E-mails the person a single-use link to choose a new password (expires after 24 hours; a newer one replaces it). */
  @Post(':id/password-reset')
  @Roles('admin')
  @HttpCode(202)
  async sendPasswordReset(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<{ expiresAt: Date }> {
    return this.resets.send(actor, id);
  }
}
