import { refusal, refusalWith, RefusalDef } from './define';

/** Company imports. */
export const IMPORT = {
  fileTooLarge: refusalWith<{ maxMb: number }>()('import.file_too_large'),
  uploadTooSlow: refusal('import.upload_too_slow'),
  tooManyForStructure: refusalWith<{ max: number }>()('import.too_many_for_structure'),
  tooManyOverall: refusal('import.too_many_overall'),
  fileDeleted: refusalWith<{ days: number }>()('import.file_deleted'),
  fileRequired: refusal('import.file_required'),
  fileEmpty: refusal('import.file_empty'),
  notCsv: refusal('import.not_csv'),
  columnsUnrecognised: refusal('import.columns_unrecognised'),
  noDataRow: refusal('import.no_data_row'),
  notStartable: refusal('import.not_startable'),
  uploadAbandoned: refusal('import.upload_abandoned'),
} as const satisfies Record<string, RefusalDef>;
