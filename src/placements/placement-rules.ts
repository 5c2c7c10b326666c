import type { FieldProblem } from '../common/validation';
import { PLACEMENT } from '../refusals/index';
import { because } from '../refusals/refused';
import { CONTRACT_TYPE_LABELS, ContractType } from './contract-types';
import type { PlacementKind } from './placement.entity';
import { periodLastDay } from './periods';

/** Contracts without an end: no planned end date may be given. */
export const OPEN_ENDED: ReadonlySet<ContractType> = new Set<ContractType>(['cdi', 'cdi_inclusion']);

/** The kind a contract type implies: a PMSMP is an immersion, everything else a contract. */
export function kindOf(contractType: ContractType): PlacementKind {
  return contractType === 'pmsmp' ? 'immersion' : 'contract';
}

/** What says when a placement covers a person's time. */
export interface PlacementSpan {
  kind: PlacementKind;
  status: string;
  startDate: string;
  plannedEndDate: string | null;
  endDate: string | null;
}

/**
 * The last day a placement covers, both ends included: its end date once ended (an early end, a
 * rupture, frees the days after it), else its planned end; null for a contract with no end (a CDI),
 * which runs on until it is ended.
 */
export function lastDayOf(placement: PlacementSpan): string | null {
  return placement.status === 'ended' && placement.endDate ? placement.endDate : placement.plannedEndDate;
}

/**
 * Whether two contracts would hold the same person on a same day. Immersions (PMSMP) are left out:
 * discovering a job during a contract is allowed, and one during an immersion too.
 */
export function contractsOverlap(a: PlacementSpan, b: PlacementSpan): boolean {
  if (a.kind !== 'contract' || b.kind !== 'contract') return false;
  const aLast = lastDayOf(a);
  const bLast = lastDayOf(b);
  return (bLast === null || a.startDate <= bLast) && (aLast === null || b.startDate <= aLast);
}

export interface PlacementTerms {
  kind: PlacementKind;
  contractType: ContractType;
  startDate: string;
  plannedEndDate: string | null;
  trialEndDate: string | null;
}

/**
 * What is wrong with a placement's terms, each problem naming its field:
 * immersion ⇔ PMSMP; no planned end for a CDI, one for anything else; the end not before the start;
 * a PMSMP of one calendar month at most; a CDDI of 4 to 24 months; a trial period within the contract.
 */
export function placementTermProblems(terms: PlacementTerms): FieldProblem[] {
  const { kind, contractType, startDate, plannedEndDate, trialEndDate } = terms;
  const problems: FieldProblem[] = [];
  const label = CONTRACT_TYPE_LABELS[contractType];
  if (kind !== kindOf(contractType)) {
    problems.push({
      field: 'kind',
      message: 'kind must be immersion for a PMSMP (contractType pmsmp), and contract for every other contract type',
      ...because(PLACEMENT.kindMismatch, { field: 'kind', contractType }),
    });
  }
  if (OPEN_ENDED.has(contractType)) {
    if (plannedEndDate) {
      problems.push({
        field: 'plannedEndDate',
        message: `plannedEndDate must be empty for a ${label}, which has no end`,
        ...because(PLACEMENT.plannedEndForbidden, { field: 'plannedEndDate', contract: contractType }),
      });
    }
  } else if (!plannedEndDate) {
    problems.push({
      field: 'plannedEndDate',
      message: `plannedEndDate is required for a ${label}`,
      ...because(PLACEMENT.plannedEndRequired, { field: 'plannedEndDate', contract: contractType }),
    });
  } else if (plannedEndDate < startDate) {
    problems.push({
      field: 'plannedEndDate',
      message: 'plannedEndDate must not be before startDate',
      ...because(PLACEMENT.plannedEndBeforeStart, { field: 'plannedEndDate' }),
    });
  } else if (contractType === 'pmsmp') {
    const latest = periodLastDay(startDate, 1);
    if (plannedEndDate > latest) {
      problems.push({
        field: 'plannedEndDate',
        message: `a PMSMP lasts one month at most: plannedEndDate must be on or before ${latest}`,
        ...because(PLACEMENT.pmsmpTooLong, { field: 'plannedEndDate', latest }),
      });
    }
  } else if (contractType === 'cddi') {
    const earliest = periodLastDay(startDate, 4);
    const latest = periodLastDay(startDate, 24);
    if (plannedEndDate < earliest || plannedEndDate > latest) {
      problems.push({
        field: 'plannedEndDate',
        message: `a CDDI lasts 4 to 24 months: plannedEndDate must be between ${earliest} and ${latest}`,
        ...because(PLACEMENT.cddiOutOfBounds, { field: 'plannedEndDate', earliest, latest }),
      });
    }
  }
  if (trialEndDate) {
    if (contractType === 'pmsmp') {
      problems.push({
        field: 'trialEndDate',
        message: 'trialEndDate must be empty for a PMSMP, which has no trial period',
        ...because(PLACEMENT.trialForbidden, { field: 'trialEndDate' }),
      });
    } else if (trialEndDate < startDate || (plannedEndDate && trialEndDate > plannedEndDate)) {
      problems.push({
        field: 'trialEndDate',
        message: 'trialEndDate must fall within the contract, between startDate and plannedEndDate',
        ...because(PLACEMENT.trialOutsideContract, { field: 'trialEndDate' }),
      });
    }
  }
  return problems;
}
