import { addCalendarDays, calendarDayIn, frenchDay } from '../../common/calendar/working-days';
import type { ImportRun } from '../import-run.entity';

/**
 * How long what an import keeps of its file lives. The bytes are needed only until the real run
 * has read them: they go when it ends or fails, and a dry run's file waits for its real run at most
 * IMPORT_FILE_RETENTION_DAYS after the dry run finished. The row-by-row report (names and excerpts
 * quoted from the file) goes IMPORT_FILE_RETENTION_DAYS after the run finished. The summary
 * (counts, who, when) stays.
 */

type RunDates = Pick<ImportRun, 'status' | 'dryRun' | 'finishedAt' | 'fileDeletedAt' | 'reportDeletedAt'>;

/** The Paris day until which the file (of a dry run) and the report are kept; null while running. */
export function keptUntilDay(run: Pick<ImportRun, 'finishedAt'>, keepDays: number, timeZone: string): string | null {
  return run.finishedAt ? addCalendarDays(calendarDayIn(timeZone, run.finishedAt), keepDays) : null;
}

/** What the page and the API say, in French, of the file of a finished run; null while it runs. */
export function importFileNotice(run: RunDates, keepDays: number, timeZone: string): string | null {
  if (run.status !== 'done' && run.status !== 'failed') return null;
  if (run.reportDeletedAt) {
    return (
      `Fichier et détail des lignes supprimés le ${frenchDay(calendarDayIn(timeZone, run.reportDeletedAt))} ` +
      `(conservés ${keepDays} jours après l’import) ; le bilan reste.`
    );
  }
  const until = frenchDay(keptUntilDay(run, keepDays, timeZone));
  if (run.fileDeletedAt) return `Fichier supprimé à la fin du traitement ; le détail des lignes est conservé jusqu’au ${until}.`;
  if (run.dryRun && run.status === 'done') return `Fichier conservé jusqu’au ${until} pour lancer l’import.`;
  return null;
}
