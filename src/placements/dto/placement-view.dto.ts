import { ApiProperty } from '@nestjs/swagger';
import { CONTRACT_TYPE_LABELS, ContractType, EXIT_CATEGORY_LABELS, ExitCategory } from '../contract-types';
import { exitCategoryOf } from '../exit-category';
import { EndedBy, EndKind, Placement, PlacementKind, PlacementStatus } from '../placement.entity';

export const PLACEMENT_STATUS_LABELS: Record<PlacementStatus, string> = {
  planned: 'Prévu',
  started: 'En cours',
  ended: 'Terminé',
};

export class PartyRef {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

export class PlacementView {
  @ApiProperty() id!: string;
  @ApiProperty() candidateId!: string;
  @ApiProperty({ type: PartyRef, nullable: true }) candidate!: PartyRef | null;
  @ApiProperty() companyId!: string;
  @ApiProperty({ type: PartyRef, nullable: true }) company!: PartyRef | null;
  @ApiProperty({ nullable: true, type: String }) leadId!: string | null;
  @ApiProperty({ nullable: true, type: String }) proposalId!: string | null;
  @ApiProperty({ nullable: true, type: String }) employerContactId!: string | null;
  @ApiProperty() kind!: PlacementKind;
  @ApiProperty() contractType!: ContractType;
  @ApiProperty() contractTypeLabel!: string;
  @ApiProperty() jobTitle!: string;
  @ApiProperty() startDate!: string;
  @ApiProperty({ nullable: true, type: String }) plannedEndDate!: string | null;
  @ApiProperty({ nullable: true, type: Number }) hoursPerWeek!: number | null;
  @ApiProperty({ nullable: true, type: String }) trialEndDate!: string | null;
  @ApiProperty() status!: PlacementStatus;
  @ApiProperty() statusLabel!: string;
  @ApiProperty({ nullable: true, type: String }) endDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) endKind!: EndKind | null;
  @ApiProperty({ nullable: true, type: String }) ruptureReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) endedBy!: EndedBy | null;
  @ApiProperty({ nullable: true, type: String, description: 'DGEFP exit category this placement leads to; null for a PMSMP' })
  exitCategory!: ExitCategory | null;
  @ApiProperty({ nullable: true, type: String }) exitCategoryLabel!: string | null;
  @ApiProperty({ nullable: true, type: String }) ownerId!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;

  static of(p: Placement, candidate: PartyRef | null, company: PartyRef | null): PlacementView {
    const exitCategory = exitCategoryOf(p);
    return {
      id: p.id,
      candidateId: p.candidateId,
      candidate,
      companyId: p.companyId,
      company,
      leadId: p.leadId,
      proposalId: p.proposalId,
      employerContactId: p.employerContactId,
      kind: p.kind,
      contractType: p.contractType,
      contractTypeLabel: CONTRACT_TYPE_LABELS[p.contractType],
      jobTitle: p.jobTitle,
      startDate: p.startDate,
      plannedEndDate: p.plannedEndDate,
      hoursPerWeek: p.hoursPerWeek,
      trialEndDate: p.trialEndDate,
      status: p.status,
      statusLabel: PLACEMENT_STATUS_LABELS[p.status],
      endDate: p.endDate,
      endKind: p.endKind,
      ruptureReason: p.ruptureReason,
      endedBy: p.endedBy,
      exitCategory,
      exitCategoryLabel: exitCategory ? EXIT_CATEGORY_LABELS[exitCategory] : null,
      ownerId: p.ownerId,
      version: p.version,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    };
  }
}
