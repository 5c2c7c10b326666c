/**
 * The retention rules as SQL, shared by the daily scan and the managers' list of coming
 * anonymisations. Each rule reads one table under the alias `c` (candidate or contact) joined to
 * its structure `s`, and gives, per row, the day its identity is due to go (`d.due_on`) and, for
 * the inactivity rules, the last day of activity it is counted from (`d.last_active_on`).
 *
 * What counts as activity (README, "Personal data (RGPD)"), each taken as a day in the business
 * time zone, the latest one winning:
 * - a candidate: their record created or changed; a proposal of them (made, or its outcome
 *   recorded); a placement of theirs (created, started, ended: its start and end days); a
 *   follow-up check-in of one of their placements answered (by them or by the employer); an
 *   activity about them (logged, or the day it happened).
 * - a contact: their record created or changed; an activity with them (logged, or the day it
 *   happened or is planned); a job lead they are the contact of (spotted or created); a placement
 *   naming them as employer contact, or filling a lead of theirs that names nobody (created,
 *   started, ended); an employer check-in of such a placement answered.
 * A person party to a placement planned or started is never due, whatever the dates.
 */

/** Placeholders handed out on first use, so a query never sends a value it does not read. */
export class SqlParams {
  readonly values: unknown[] = [];
  private readonly refs = new Map<string, string>();

  constructor(private readonly source: Record<string, unknown>) {}

  ref(name: string, cast: string): string {
    let ref = this.refs.get(name);
    if (!ref) {
      if (!(name in this.source)) throw new Error(`No value for SQL parameter ${name}`);
      this.values.push(this.source[name]);
      ref = `$${this.values.length}`;
      this.refs.set(name, ref);
    }
    return `${ref}::${cast}`;
  }
}

export type RetentionRuleName = 'exit' | 'inactive_candidate' | 'inactive_contact';

export interface RetentionRule {
  name: RetentionRuleName;
  subject: 'candidate' | 'contact';
  /** `FROM …` up to and including the lateral `d (last_active_on, due_on)`. */
  from(p: SqlParams): string;
  /** The rows the rule applies to at all (not anonymised, not in an ongoing placement...). */
  eligible: string;
  /** Cheap, on `c` alone: rows that cannot be due within the warning period are left at once. */
  prefilter(p: SqlParams): string;
  /** The structure's setting for this rule, in months. */
  months: string;
}

/** A timestamp as a day in the business time zone. */
const day = (expression: string, p: SqlParams) => `(${expression} AT TIME ZONE ${p.ref('tz', 'text')})::date`;

const ONGOING = `pl.status IN ('planned', 'started')`;

/** The placements a contact is the employer's side of: named on it, or the contact of the lead it fills when it names nobody. */
const CONTACT_PLACEMENTS = `(SELECT pl.* FROM placement pl WHERE pl.employer_contact_id = c.id
   UNION ALL
   SELECT pl.* FROM placement pl JOIN job_lead l ON l.id = pl.lead_id WHERE l.contact_id = c.id AND pl.employer_contact_id IS NULL)`;

const placementDay = (p: SqlParams) => `greatest(${day('pl.created_at', p)}, pl.start_date, pl.end_date)`;

const withDue = (lastActive: string, months: string) =>
  `CROSS JOIN LATERAL (SELECT ${lastActive} AS last_active_on) la
   CROSS JOIN LATERAL (SELECT la.last_active_on, (la.last_active_on + make_interval(months => ${months}))::date AS due_on) d`;

export const EXIT_RULE: RetentionRule = {
  name: 'exit',
  subject: 'candidate',
  months: 's.retention_months',
  from: () => `FROM candidate c JOIN structure s ON s.id = c.structure_id
    CROSS JOIN LATERAL (SELECT NULL::date AS last_active_on, (c.exit_date + make_interval(months => s.retention_months))::date AS due_on) d`,
  eligible: `c.status = 'exited' AND c.exit_date IS NOT NULL AND c.anonymised_at IS NULL`,
  prefilter: () => 'true',
};

export const INACTIVE_CANDIDATE_RULE: RetentionRule = {
  name: 'inactive_candidate',
  subject: 'candidate',
  months: 's.inactivity_retention_months',
  from: (p) => `FROM candidate c JOIN structure s ON s.id = c.structure_id
    ${withDue(
      `greatest(
         ${day('greatest(c.created_at, c.updated_at)', p)},
         (SELECT ${day('max(greatest(pr.created_at, pr.proposed_at, pr.outcome_at))', p)} FROM proposal pr WHERE pr.candidate_id = c.id),
         (SELECT max(${placementDay(p)}) FROM placement pl WHERE pl.candidate_id = c.id),
         (SELECT ${day('max(ci.answered_at)', p)} FROM placement pl JOIN check_in ci ON ci.placement_id = pl.id WHERE pl.candidate_id = c.id),
         (SELECT ${day('max(greatest(a.occurred_at, a.created_at))', p)} FROM activity a WHERE a.candidate_id = c.id))`,
      's.inactivity_retention_months',
    )}`,
  eligible: `c.status NOT IN ('exited', 'in_placement') AND c.anonymised_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM placement pl WHERE pl.candidate_id = c.id AND ${ONGOING})`,
  prefilter: (p) =>
    `(${day('greatest(c.created_at, c.updated_at)', p)} + make_interval(months => s.inactivity_retention_months))::date - ${p.ref('warningDays', 'int')} <= ${p.ref('today', 'date')}`,
};

export const INACTIVE_CONTACT_RULE: RetentionRule = {
  name: 'inactive_contact',
  subject: 'contact',
  months: 's.inactivity_retention_months',
  from: (p) => `FROM contact c JOIN structure s ON s.id = c.structure_id
    ${withDue(
      `greatest(
         ${day('greatest(c.created_at, c.updated_at)', p)},
         (SELECT ${day('max(greatest(a.occurred_at, a.created_at))', p)} FROM activity a WHERE a.contact_id = c.id),
         (SELECT ${day('max(greatest(l.created_at, l.spotted_at))', p)} FROM job_lead l WHERE l.contact_id = c.id),
         (SELECT max(${placementDay(p)}) FROM ${CONTACT_PLACEMENTS} pl),
         (SELECT ${day('max(ci.answered_at)', p)} FROM ${CONTACT_PLACEMENTS} pl JOIN check_in ci ON ci.placement_id = pl.id AND ci.party = 'employer'))`,
      's.inactivity_retention_months',
    )}`,
  eligible: `c.erased_at IS NULL AND NOT EXISTS (SELECT 1 FROM ${CONTACT_PLACEMENTS} pl WHERE ${ONGOING})`,
  prefilter: (p) =>
    `(${day('greatest(c.created_at, c.updated_at)', p)} + make_interval(months => s.inactivity_retention_months))::date - ${p.ref('warningDays', 'int')} <= ${p.ref('today', 'date')}`,
};

export const RETENTION_RULES: readonly RetentionRule[] = [EXIT_RULE, INACTIVE_CANDIDATE_RULE, INACTIVE_CONTACT_RULE];

/** The rule a candidate falls under now: the exit one once they exited, inactivity before. */
export const candidateRuleFor = (status: string): RetentionRule => (status === 'exited' ? EXIT_RULE : INACTIVE_CANDIDATE_RULE);
