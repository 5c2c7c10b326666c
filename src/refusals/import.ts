import { refusal, refusalWith, RefusalDef } from './define';

/** Company imports. */
export const IMPORT = {
  fileTooLarge: refusalWith<{ maxMb: number }>()('import.file_too_large'),
  uploadTooSlow: refusal('import.upload_too_slow'),
  tooManyForStructure: refusalWith<{ max: number }>()('import.too_many_for_structure'),
  tooManyOverall: refusal('import.too_many_overall'),
  fileDeleted: refusalWith<{ days: number }>()('import.file_deleted'),
} as const satisfies Record<string, RefusalDef>;
