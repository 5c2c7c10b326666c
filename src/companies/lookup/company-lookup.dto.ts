import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { trimString, trimToNull } from '../../common/transforms';
import { RefuseAs } from '../../common/validation';
import { DIRECTORY } from '../../refusals/index';
import { DIRECTORY_QUERY_MIN } from './company-directory';

/** `GET /api/companies/lookup`: a name (or a SIRET) and where. */
export class CompanyLookupQuery {
  @ApiProperty({ description: 'Words of the name, or a SIRET; at least 3 characters', minLength: DIRECTORY_QUERY_MIN, maxLength: 200 })
  @Transform(trimString)
  @IsString()
  @MinLength(DIRECTORY_QUERY_MIN)
  @MaxLength(200)
  @RefuseAs(DIRECTORY.queryTooShort)
  q!: string;

  @ApiPropertyOptional({ description: 'Postcode (5 digits): only establishments there' })
  @Transform(trimToNull)
  @IsOptional()
  @Matches(/^\d{5}$/)
  @RefuseAs(DIRECTORY.postcodeInvalid)
  postcode?: string | null;

  @ApiPropertyOptional({ description: 'Commune name, when the postcode is not known' })
  @Transform(trimToNull)
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @RefuseAs(DIRECTORY.communeInvalid)
  commune?: string | null;
}

export class ExistingCompanyRef {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) postcode!: string | null;
  @ApiProperty({ enum: ['siret', 'name'], description: 'Same SIRET, or same normalised name and postcode' }) matchedBy!: 'siret' | 'name';
}

export class LookupProposal {
  @ApiProperty() siret!: string;
  @ApiProperty() siren!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) nafCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) sectorLabel!: string | null;
  @ApiProperty({ nullable: true, type: String }) headcountBand!: string | null;
  @ApiProperty({ nullable: true, type: String }) address!: string | null;
  @ApiProperty({ nullable: true, type: String }) postcode!: string | null;
  @ApiProperty({ nullable: true, type: String }) commune!: string | null;
  @ApiProperty() closed!: boolean;
  @ApiProperty({ nullable: true, type: String }) closedOn!: string | null;
  @ApiProperty() headOffice!: boolean;
  @ApiProperty({ nullable: true, type: ExistingCompanyRef, description: 'The company of the structure this establishment already is' })
  existing!: ExistingCompanyRef | null;
}

export class LookupAnswer {
  @ApiProperty({ enum: ['ok', 'unavailable', 'off'], description: '`unavailable`: the directory did not answer in time; `off`: no directory set' })
  status!: 'ok' | 'unavailable' | 'off';
  @ApiProperty({ nullable: true, type: String, description: 'Refusal code of the status, when not ok' }) code!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The French sentence of the status, when not ok' }) message!: string | null;
  @ApiProperty() total!: number;
  @ApiProperty({ type: [LookupProposal] }) proposals!: LookupProposal[];
}
