import type { FieldProblem } from '../common/validation';
import { CANDIDATE } from '../refusals/index';
import { because } from '../refusals/refused';
import { isKnownRomeCode, romeLabel } from '../reference/rome';
import type { WantedJob } from './candidate.entity';

export const MAX_WANTED_JOBS = 10;
const MAX_LABEL = 200;

/**
 * Checks the wanted jobs as sent (a list of `{ label, romeCode? }`), naming each faulty item as
 * `wantedJobs[0].romeCode`; answers the cleaned list (labels trimmed, codes upper-cased).
 */
export function parseWantedJobs(raw: unknown): { jobs: WantedJob[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  if (!Array.isArray(raw)) {
    const problem = { field: 'wantedJobs', message: 'wantedJobs must be a list of { label, romeCode }' };
    return { jobs: [], problems: [{ ...problem, ...because(CANDIDATE.wantedJobsInvalid, { field: 'wantedJobs' }) }] };
  }
  if (raw.length > MAX_WANTED_JOBS) {
    problems.push({
      field: 'wantedJobs',
      message: `wantedJobs holds at most ${MAX_WANTED_JOBS} jobs`,
      ...because(CANDIDATE.tooManyWantedJobs, { field: 'wantedJobs', max: MAX_WANTED_JOBS }),
    });
  }
  const jobs: WantedJob[] = [];
  raw.forEach((item: unknown, index) => {
    const at = `wantedJobs[${index}]`;
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      problems.push({ field: at, message: `${at} must be an object { label, romeCode }`, ...because(CANDIDATE.wantedJobInvalid, { field: at }) });
      return;
    }
    const { label, romeCode, ...rest } = item as Record<string, unknown>;
    for (const key of Object.keys(rest)) {
      const field = `${at}.${key}`;
      problems.push({ field, message: `${field} is not a known field`, ...because(CANDIDATE.wantedJobUnknownField, { field }) });
    }
    const text = typeof label === 'string' ? label.trim() : '';
    const labelRefused = because(CANDIDATE.wantedJobLabelInvalid, { field: `${at}.label`, max: MAX_LABEL });
    if (!text) problems.push({ field: `${at}.label`, message: `${at}.label is required: the job in the person's own words`, ...labelRefused });
    else if (text.length > MAX_LABEL) problems.push({ field: `${at}.label`, message: `${at}.label must be at most ${MAX_LABEL} characters`, ...labelRefused });
    let code: string | null = null;
    if (romeCode !== undefined && romeCode !== null && romeCode !== '') {
      code = typeof romeCode === 'string' ? romeCode.trim().toUpperCase() : '';
      if (!isKnownRomeCode(code)) {
        const field = `${at}.romeCode`;
        problems.push({ field, message: `${field} must be a ROME code such as N1103`, ...because(CANDIDATE.wantedJobRomeInvalid, { field }) });
      }
    }
    jobs.push({ label: text, romeCode: code });
  });
  return { jobs, problems };
}

/** Wanted jobs as shown: with the ROME job sheet's title. */
export function withRomeLabels(jobs: WantedJob[]): Array<{ label: string; romeCode: string | null; romeLabel: string | null }> {
  return jobs.map((job) => ({ label: job.label, romeCode: job.romeCode ?? null, romeLabel: job.romeCode ? (romeLabel(job.romeCode) ?? null) : null }));
}
