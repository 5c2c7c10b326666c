import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { trimString, trimToNull } from '../../common/transforms';
import { CONTACT_CHANNELS, Contact, ContactChannel } from '../contact.entity';
import { IsPhone, toStoredPhone } from '../../common/phone';
import { IsName } from '../../common/names';
import { RefuseAs } from '../../common/validation';
import { COMPANY } from '../../refusals/index';

export class CreateContactDto {
  @ApiPropertyOptional({ example: 'Sophie' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(100)
  @IsName('firstName')
  @RefuseAs(COMPANY.firstNameInvalid)
  firstName?: string | null;

  @ApiProperty({ example: 'Lefebvre' })
  @Transform(trimString)
  @IsString({ message: 'lastName must be text' })
  @IsNotEmpty({ message: 'lastName is required' })
  @MaxLength(100)
  @IsName('lastName')
  @RefuseAs(COMPANY.lastNameInvalid)
  lastName!: string;

  @ApiPropertyOptional({ example: 'Responsable RH' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(150)
  @RefuseAs(COMPANY.jobTitleInvalid)
  jobTitle?: string | null;

  @ApiPropertyOptional({ example: 's.lefebvre@exemple.fr' })
  @IsOptional()
  @Transform(({ value }) => {
    const trimmed = trimToNull({ value });
    return typeof trimmed === 'string' ? trimmed.toLowerCase() : trimmed;
  })
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  @RefuseAs(COMPANY.emailInvalid)
  email?: string | null;

  @ApiPropertyOptional({ example: '06 12 34 56 78' })
  @IsOptional()
  @Transform(toStoredPhone)
  @IsPhone('phone')
  @RefuseAs(COMPANY.contactPhoneInvalid)
  phone?: string | null;

  @ApiPropertyOptional({ enum: CONTACT_CHANNELS })
  @IsOptional()
  @IsIn(CONTACT_CHANNELS, { message: `preferredChannel must be one of ${CONTACT_CHANNELS.join(', ')}` })
  @RefuseAs(COMPANY.preferredChannelInvalid)
  preferredChannel?: ContactChannel | null;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean({ message: 'decisionMaker must be true or false' })
  @RefuseAs(COMPANY.checkboxInvalid)
  decisionMaker?: boolean;

  @ApiPropertyOptional({ default: false, description: 'The person does not want e-mails from the structure' })
  @IsOptional()
  @IsBoolean({ message: 'emailOptOut must be true or false' })
  @RefuseAs(COMPANY.checkboxInvalid)
  emailOptOut?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(5000)
  @RefuseAs(COMPANY.notesInvalid)
  notes?: string | null;
}

export class UpdateContactDto extends PartialType(CreateContactDto) {}

export class ContactView {
  @ApiProperty() id!: string;
  @ApiProperty() companyId!: string;
  @ApiProperty({ nullable: true, type: String }) firstName!: string | null;
  @ApiProperty() lastName!: string;
  @ApiProperty({ nullable: true, type: String }) jobTitle!: string | null;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ nullable: true, enum: CONTACT_CHANNELS }) preferredChannel!: ContactChannel | null;
  @ApiProperty() decisionMaker!: boolean;
  @ApiProperty() emailOptOut!: boolean;
  @ApiProperty({ nullable: true, type: Date }) emailOptOutAt!: Date | null;
  @ApiProperty({ description: 'No e-mail to this contact: emailOptOut, or the address is on the suppression list (opted out or erased before)' })
  optedOut!: boolean;
  @ApiProperty({ nullable: true, type: String }) notes!: string | null;
  @ApiProperty() createdAt!: Date;

  static of(contact: Contact, optedOut: boolean): ContactView {
    const { id, companyId, firstName, lastName, jobTitle, email, phone, preferredChannel } = contact;
    const { decisionMaker, emailOptOut, emailOptOutAt, notes, createdAt } = contact;
    return {
      id, companyId, firstName, lastName, jobTitle, email, phone, preferredChannel,
      decisionMaker, emailOptOut, emailOptOutAt, optedOut, notes, createdAt,
    };
  }
}
