import { ApiProperty } from '@nestjs/swagger';
import { CONTRACT_TYPE_LABELS, EXIT_CATEGORY_LABELS, ExitCategory, ShiftPattern } from '../../placements/contract-types';
import { Candidate, CandidateStatus, ConstraintCategory, REFERRER_LABELS, Referrer } from '../candidate.entity';
import { withRomeLabels } from '../wanted-jobs';

export const CANDIDATE_STATUS_LABELS: Record<CandidateStatus, string> = {
  on_path: 'En parcours',
  in_placement: 'En emploi ou en immersion',
  exited: 'Sorti·e',
};

export class WantedJobView {
  @ApiProperty() label!: string;
  @ApiProperty({ nullable: true, type: String }) romeCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) romeLabel!: string | null;
}

/** A candidate as lists show it: no sensitive field (constraints, notes). */
export class CandidateListItem {
  @ApiProperty() id!: string;
  @ApiProperty() firstName!: string;
  @ApiProperty() lastName!: string;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty() referrer!: Referrer;
  @ApiProperty() referrerLabel!: string;
  @ApiProperty({ nullable: true, type: String }) referrerName!: string | null;
  @ApiProperty({ nullable: true, type: String }) entryDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) structureContractType!: string | null;
  @ApiProperty({ nullable: true, type: String }) structureContractLabel!: string | null;
  @ApiProperty({ nullable: true, type: String }) structureContractEnd!: string | null;
  @ApiProperty({ type: [WantedJobView] }) wantedJobs!: WantedJobView[];
  @ApiProperty({ type: [String] }) strengths!: string[];
  @ApiProperty({ type: [String] }) skills!: string[];
  @ApiProperty() drivingLicence!: boolean;
  @ApiProperty() hasVehicle!: boolean;
  @ApiProperty({ nullable: true, type: String }) homeCommune!: string | null;
  @ApiProperty({ type: [String] }) reachableCommunes!: string[];
  @ApiProperty({ nullable: true, type: Number }) mobilityRadiusKm!: number | null;
  @ApiProperty({ nullable: true, type: Number }) hoursPerWeek!: number | null;
  @ApiProperty({ type: [String] }) shifts!: ShiftPattern[];
  @ApiProperty({ nullable: true, type: String }) availableFrom!: string | null;
  @ApiProperty() status!: CandidateStatus;
  @ApiProperty() statusLabel!: string;
  @ApiProperty({ nullable: true, type: String }) exitCategory!: ExitCategory | null;
  @ApiProperty({ nullable: true, type: String }) exitCategoryLabel!: string | null;
  @ApiProperty({ nullable: true, type: String }) exitDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) ownerId!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;

  static of(c: Candidate): CandidateListItem {
    return {
      id: c.id,
      firstName: c.firstName,
      lastName: c.lastName,
      email: c.email,
      phone: c.phone,
      referrer: c.referrer,
      referrerLabel: REFERRER_LABELS[c.referrer],
      referrerName: c.referrerName,
      entryDate: c.entryDate,
      structureContractType: c.structureContractType,
      structureContractLabel: c.structureContractType
        ? (CONTRACT_TYPE_LABELS[c.structureContractType as keyof typeof CONTRACT_TYPE_LABELS] ?? c.structureContractType)
        : null,
      structureContractEnd: c.structureContractEnd,
      wantedJobs: withRomeLabels(c.wantedJobs),
      strengths: c.strengths,
      skills: c.skills,
      drivingLicence: c.drivingLicence,
      hasVehicle: c.hasVehicle,
      homeCommune: c.homeCommune,
      reachableCommunes: c.reachableCommunes,
      mobilityRadiusKm: c.mobilityRadiusKm,
      hoursPerWeek: c.hoursPerWeek,
      shifts: c.shifts,
      availableFrom: c.availableFrom,
      status: c.status,
      statusLabel: CANDIDATE_STATUS_LABELS[c.status],
      exitCategory: c.exitCategory,
      exitCategoryLabel: c.exitCategory ? EXIT_CATEGORY_LABELS[c.exitCategory] : null,
      exitDate: c.exitDate,
      ownerId: c.ownerId,
      version: c.version,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    };
  }
}

/** The candidate page: everything, sensitive fields included (staff of the structure only). */
export class CandidateView extends CandidateListItem {
  @ApiProperty({ description: 'Barriers by category (sensitive)' }) constraints!: Partial<Record<ConstraintCategory, string>>;
  @ApiProperty({ nullable: true, type: String, description: 'Sensitive' }) notes!: string | null;

  static full(c: Candidate): CandidateView {
    return { ...CandidateListItem.of(c), constraints: c.constraints, notes: c.notes };
  }
}
