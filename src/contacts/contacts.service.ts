import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { Company } from '../companies/company.entity';
import { Actor } from '../tenancy/actor';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { Contact } from './contact.entity';
import { CreateContactDto, UpdateContactDto } from './dto/contact.dto';

/** The people met at each company. */
@Injectable()
export class ContactsService {
  private readonly contacts: ScopedRepository<Contact>;
  private readonly companies: ScopedRepository<Company>;

  constructor(
    @InjectRepository(Contact) contacts: Repository<Contact>,
    @InjectRepository(Company) companies: Repository<Company>,
    private readonly clock: Clock,
  ) {
    this.contacts = new ScopedRepository(contacts, 'Contact');
    this.companies = new ScopedRepository(companies, 'Company');
  }

  async listForCompany(actor: Actor, companyId: string): Promise<Contact[]> {
    await this.companies.get(actor, companyId);
    return this.contacts.find(actor, {
      where: { companyId },
      order: { decisionMaker: 'DESC', lastName: 'ASC', firstName: 'ASC' },
    });
  }

  get(actor: Actor, id: string): Promise<Contact> {
    return this.contacts.get(actor, id);
  }

  async create(actor: Actor, companyId: string, input: CreateContactDto): Promise<Contact> {
    await this.companies.get(actor, companyId);
    const contact = this.contacts.create(actor, {
      firstName: null,
      jobTitle: null,
      email: null,
      phone: null,
      preferredChannel: null,
      notes: null,
      ...input,
      companyId,
      emailOptOutAt: input.emailOptOut ? this.clock.now() : null,
    });
    return this.contacts.save(actor, contact);
  }

  async update(actor: Actor, id: string, input: UpdateContactDto): Promise<Contact> {
    const contact = await this.contacts.get(actor, id);
    if (input.emailOptOut !== undefined && input.emailOptOut !== contact.emailOptOut) {
      contact.emailOptOutAt = input.emailOptOut ? this.clock.now() : null;
    }
    Object.assign(contact, input);
    return this.contacts.save(actor, contact);
  }

  /**
   * Whether Tremplin may e-mail this address on behalf of the structure: false when a contact of
   * the structure with that address has opted out. Every e-mail to a company contact asks first.
   */
  async mayEmail(structureId: string, email: string): Promise<boolean> {
    const count = await this.contacts
      .query({ structureId } as Actor, 'contact')
      .andWhere('lower(contact.email) = lower(:email)', { email })
      .andWhere('contact.email_opt_out')
      .getCount();
    return count === 0;
  }
}
