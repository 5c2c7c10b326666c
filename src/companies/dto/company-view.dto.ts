import { ApiProperty } from '@nestjs/swagger';
import { CompanyCard } from '../company-card';
import { Company, CompanySource } from '../company.entity';

export class DuplicateRef {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) postcode!: string | null;
}

/** Everything the company page shows. */
export class CompanyView extends CompanyCard {
  @ApiProperty({ nullable: true, type: String }) siret!: string | null;
  @ApiProperty({ nullable: true, type: String }) siren!: string | null;
  @ApiProperty({ nullable: true, type: String }) nafCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) sectorLabel!: string | null;
  @ApiProperty({ nullable: true, type: String }) headcountBand!: string | null;
  @ApiProperty({ nullable: true, type: String }) address!: string | null;
  @ApiProperty({ nullable: true, type: String }) territory!: string | null;
  @ApiProperty({ nullable: true, type: String }) website!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty() source!: CompanySource;
  @ApiProperty({ nullable: true, type: String }) notes!: string | null;
  @ApiProperty() stageKind!: string;
  @ApiProperty() stageEnteredAt!: Date;
  @ApiProperty({ nullable: true, type: String }) comeBackOn!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
  @ApiProperty({ nullable: true, type: Number, description: 'Contacts a Paris calendar month the employer accepts' }) monthlyContactCap!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Who recorded that wish' }) noContactSetBy!: string | null;
  @ApiProperty({ nullable: true, type: Date }) noContactSetAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) restReason!: string | null;
  @ApiProperty({ description: 'The company directory says the establishment is closed' }) establishmentClosed!: boolean;
  @ApiProperty({ nullable: true, type: String }) establishmentClosedOn!: string | null;
  @ApiProperty({ nullable: true, type: Date, description: 'The last refresh from the company directory' }) directoryCheckedAt!: Date | null;

  static of(company: Company, card: CompanyCard, stageKind: string, today: string): CompanyView {
    const resting = company.restingUntil !== null && company.restingUntil > today;
    return {
      ...card,
      siret: company.siret,
      siren: company.siren,
      nafCode: company.nafCode,
      sectorLabel: company.sectorLabel,
      headcountBand: company.headcountBand,
      address: company.address,
      territory: company.territory,
      website: company.website,
      phone: company.phone,
      source: company.source,
      notes: company.notes,
      stageKind,
      stageEnteredAt: company.stageEnteredAt,
      comeBackOn: company.comeBackOn,
      createdAt: company.createdAt,
      updatedAt: company.updatedAt,
      monthlyContactCap: company.monthlyContactCap,
      noContact: company.noContact,
      noContactSetBy: company.noContactSetBy,
      noContactSetAt: company.noContactSetAt,
      // A rest past its day has ended on its own.
      restingUntil: resting ? company.restingUntil : null,
      restReason: resting ? company.restReason : null,
      establishmentClosed: company.establishmentClosed,
      establishmentClosedOn: company.establishmentClosedOn,
      directoryCheckedAt: company.directoryCheckedAt,
    };
  }
}

export class CreatedCompanyView extends CompanyView {
  @ApiProperty({ type: [DuplicateRef], description: 'Companies with the same normalised name and postcode' })
  likelyDuplicates!: DuplicateRef[];
}

/** What a write that contacts a company answers: the company, and the warnings the write went ahead despite. */
export class WarningView {
  @ApiProperty({ example: 'pressure.cap_reached' }) code!: string;
  @ApiProperty({ description: 'The French sentence' }) message!: string;
}

export class CompanyWriteView extends CompanyView {
  @ApiProperty({ type: [WarningView] }) warnings!: WarningView[];
}
