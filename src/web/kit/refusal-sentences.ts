import { frenchOf } from '../../refusals/french';
import { Refusal } from '../../refusals/index';

/**
 * The French sentences of the refusals a page's script may meet, by code, for a JSON island
 * (`<script type="application/json">`): the script shows the sentence of the `code` an API error
 * carries, and never reads its English message. The parameters are those this page's refusals
 * take (the service's limits), so the sentence is the catalogue's, complete.
 */
export function refusalSentences(refusals: readonly Refusal[]): Record<string, string> {
  return Object.fromEntries(refusals.map((refusal) => [refusal.code, frenchOf(refusal)]));
}

/** Every refusal the import page's script may meet, with this service's limits. */
export function importRefusals(limits: { maxMb: number; perStructure: number; retentionDays: number }): Refusal[] {
  return [
    { code: 'import.file_required', params: {} },
    { code: 'import.file_empty', params: {} },
    { code: 'import.not_csv', params: {} },
    { code: 'import.columns_unrecognised', params: {} },
    { code: 'import.no_data_row', params: {} },
    { code: 'import.not_startable', params: {} },
    { code: 'import.upload_abandoned', params: {} },
    { code: 'import.upload_too_slow', params: {} },
    { code: 'import.file_too_large', params: { maxMb: limits.maxMb } },
    { code: 'import.too_many_for_structure', params: { max: limits.perStructure } },
    { code: 'import.too_many_overall', params: {} },
    { code: 'import.file_deleted', params: { days: limits.retentionDays } },
    { code: 'record.not_found', params: { record: 'import' } },
    { code: 'common.login_required', params: {} },
    { code: 'common.csrf', params: {} },
    { code: 'common.forbidden', params: {} },
    { code: 'common.too_many_requests', params: {} },
    { code: 'common.busy', params: {} },
  ];
}
