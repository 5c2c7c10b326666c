import { Injectable } from '@nestjs/common';
import { COMPANY } from '../refusals/index';
import { because, ConflictRefusal } from '../refusals/refused';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/env';
import { rejectNulls } from '../common/validation';
import { Company } from '../companies/company.entity';
import { Actor } from '../tenancy/actor';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { erasedEmails, normaliseAddress, suppressedEmails } from '../mail/email-suppression';
import { Contact } from './contact.entity';
import { ContactView, CreateContactDto, UpdateContactDto } from './dto/contact.dto';
import { releaseSuppressedAddress, suppressContactAddress } from './contact-suppression.queries';

/** The people met at each company. */
@Injectable()
export class ContactsService {
  private readonly contacts: ScopedRepository<Contact>;
  private readonly companies: ScopedRepository<Company>;

  constructor(
    @InjectRepository(Contact) contacts: Repository<Contact>,
    @InjectRepository(Company) companies: Repository<Company>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    this.contacts = new ScopedRepository(contacts, 'contact');
    this.companies = new ScopedRepository(companies, 'company');
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

  /**
   * Contacts as shown: opted out when they said so, or when their address is on the structure's
   * suppression list (another contact opted out with it, or was erased with it).
   */
  async views(actor: Actor, contacts: Contact[], manager: EntityManager = this.dataSource.manager): Promise<ContactView[]> {
    const emails = contacts.flatMap((contact) => (contact.email ? [contact.email] : []));
    const suppressed = await suppressedEmails(manager, this.config.SUPPRESSION_HASH_SECRET, actor.structureId, emails);
    return contacts.map((contact) => ContactView.of(contact, contact.emailOptOut || (!!contact.email && suppressed.has(normaliseAddress(contact.email)))));
  }

  async create(actor: Actor, companyId: string, input: CreateContactDto): Promise<Contact> {
    rejectNulls(input, ['decisionMaker', 'emailOptOut']);
    await this.companies.get(actor, companyId);
    return this.dataSource.transaction(async (manager) => {
      const contacts = this.contacts.withManager(manager);
      const draft = contacts.create(actor, {
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
      await this.keepErasedAddressOptedOut(manager, actor, draft);
      const contact = await contacts.save(actor, draft);
      await this.syncSuppression(manager, actor, contact, null, false);
      return contact;
    });
  }

  async update(actor: Actor, id: string, input: UpdateContactDto): Promise<Contact> {
    rejectNulls(input, ['lastName', 'decisionMaker', 'emailOptOut']);
    return this.dataSource.transaction(async (manager) => {
      const contacts = this.contacts.withManager(manager);
      const contact = await contacts.get(actor, id);
      // An erased contact stays erased: typing the person back in would undo the erasure.
      if (contact.erasedAt) throw new ConflictRefusal(because(COMPANY.contactErased), 'This contact was erased: the record can no longer be edited');
      const previousEmail = contact.email;
      const [shown] = await this.views(actor, [contact], manager);
      // Only saying so releases an address: editing anything else, or typing a suppressed address, does not.
      const optingBackIn = input.emailOptOut === false && shown.optedOut;
      if (input.emailOptOut !== undefined && input.emailOptOut !== contact.emailOptOut) {
        contact.emailOptOutAt = input.emailOptOut ? this.clock.now() : null;
      }
      Object.assign(contact, input);
      await this.keepErasedAddressOptedOut(manager, actor, contact);
      const saved = await contacts.save(actor, contact);
      await this.syncSuppression(manager, actor, saved, previousEmail, optingBackIn);
      return saved;
    });
  }

  /**
   * An erased person's address, typed in again (here or in any letters), comes back opted out for
   * good: the person asked to be forgotten, and only this server can recognise their address.
   */
  private async keepErasedAddressOptedOut(manager: EntityManager, actor: Actor, contact: Contact): Promise<void> {
    if (!contact.email || contact.emailOptOut) return;
    const erased = await erasedEmails(manager, this.config.SUPPRESSION_HASH_SECRET, actor.structureId, [contact.email]);
    if (!erased.size) return;
    contact.emailOptOut = true;
    contact.emailOptOutAt = contact.emailOptOutAt ?? this.clock.now();
  }

  /**
   * Keeps the structure's suppression list in step: an opted-out contact's addresses, current and
   * former, stay suppressed; opting back in (and only that) releases the current address.
   */
  private async syncSuppression(manager: EntityManager, actor: Actor, contact: Contact, previousEmail: string | null, optingBackIn: boolean) {
    const addresses = [contact.email, contact.emailOptOut ? previousEmail : null]
      .filter((email): email is string => !!email)
      .map((email) => email.toLowerCase());
    if (contact.emailOptOut) {
      // An erased person's address is on the list already, as a hash: never written back in clear.
      const erased = await erasedEmails(manager, this.config.SUPPRESSION_HASH_SECRET, actor.structureId, addresses);
      for (const email of addresses.filter((address) => !erased.has(normaliseAddress(address)))) {
        await suppressContactAddress(manager, actor.structureId, email, contact.id);
      }
    } else if (optingBackIn && contact.email) {
      // The typed address only: an erased person's (kept hashed) stays suppressed for good.
      await releaseSuppressedAddress(manager, actor.structureId, contact.email.toLowerCase());
    }
  }
}
