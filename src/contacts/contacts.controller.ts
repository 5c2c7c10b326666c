import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/auth.decorators';
import { Actor } from '../tenancy/actor';
import { Contact } from './contact.entity';
import { ContactsService } from './contacts.service';
import { ContactView, CreateContactDto, UpdateContactDto } from './dto/contact.dto';
import { ParseIdPipe } from '../common/parse-id.pipe';

@ApiTags('contacts')
@Controller('api')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get('companies/:companyId/contacts')
  async list(@CurrentActor() actor: Actor, @Param('companyId', ParseIdPipe) companyId: string): Promise<ContactView[]> {
    return this.contacts.views(actor, await this.contacts.listForCompany(actor, companyId));
  }

  @Post('companies/:companyId/contacts')
  async create(
    @CurrentActor() actor: Actor,
    @Param('companyId', ParseIdPipe) companyId: string,
    @Body() input: CreateContactDto,
  ): Promise<ContactView> {
    return this.view(actor, await this.contacts.create(actor, companyId, input));
  }

  @Get('contacts/:id')
  async get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<ContactView> {
    return this.view(actor, await this.contacts.get(actor, id));
  }

  @Patch('contacts/:id')
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() input: UpdateContactDto,
  ): Promise<ContactView> {
    return this.view(actor, await this.contacts.update(actor, id, input));
  }

  private async view(actor: Actor, contact: Contact): Promise<ContactView> {
    const [view] = await this.contacts.views(actor, [contact]);
    return view;
  }
}
