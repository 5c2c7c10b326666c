import { formatPhone } from '../common/phone';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import { BusinessDay } from '../common/calendar/business-day';
import { spreadsheetText } from '../common/spreadsheet';
import { COMPANY_SOURCE_LABELS, CompanySource } from '../companies/company.entity';
import { headcountLabel } from '../companies/headcount';
import { Actor } from '../tenancy/actor';
import { NEXT_ACTION_LABELS, NextActionType } from './cadence';
import { ExportQuery } from './dto/board.dto';
import { exportBatch } from './board.queries';

/** Column headers of the export, in French since people open it in Excel. */
const COLUMNS = {
  name: 'Nom',
  siret: 'SIRET',
  naf_code: 'Code NAF',
  sector_label: 'Secteur',
  headcount: 'Effectif',
  address: 'Adresse',
  postcode: 'Code postal',
  commune: 'Commune',
  territory: 'Territoire',
  phone: 'Téléphone',
  website: 'Site web',
  source: 'Origine',
  stage: 'Étape',
  owner: 'Référent·e',
  next_action: 'Prochaine action',
  next_action_due: 'Échéance',
  tags: 'Étiquettes',
} as const;

const BATCH = 2000;

/**
 * Text a spreadsheet would run as a formula (=, @, +/- followed by more than a phone number) gets a
 * leading apostrophe: a company named `=HYPERLINK(...)` must stay text.
 */
export function spreadsheetSafe(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (/^[=@\t\r]/.test(value) || (/^[+-]/.test(value) && !/^[+-][\d\s.()-]*$/.test(value))) return `'${value}`;
  return value;
}

/**
 * The board's companies under the current filters, as a CSV French Excel opens as is: UTF-8 with
 * a byte-order mark and `;` separators. Rows are streamed in keyset batches, so memory stays flat.
 */
@Injectable()
export class BoardExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly businessDay: BusinessDay,
  ) {}

  async write(actor: Actor, filter: ExportQuery, output: Writable): Promise<void> {
    const csv = stringify({ bom: true, delimiter: ';', header: true, columns: Object.entries(COLUMNS).map(([key, header]) => ({ key, header })) });
    const done = pipeline(csv, output);
    let after: { name: string; id: string } | null = null;
    for (;;) {
      const rows = await this.batch(actor, filter, after);
      for (const row of rows) {
        if (!csv.write(row)) await new Promise((resolve) => csv.once('drain', resolve));
      }
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1].cursor;
    }
    csv.end();
    await done;
  }

  private async batch(actor: Actor, filter: ExportQuery, after: { name: string; id: string } | null) {
    const rows = await exportBatch(this.dataSource, actor.structureId, filter, this.businessDay.today(), after, BATCH);
    return rows.map((row) => ({
      ...Object.fromEntries(Object.entries(row).map(([key, value]) => [key, spreadsheetSafe(value)])),
      // As numbers Excel would show a SIRET as 3,56E+13 and the postcode 01000 as 1000.
      siret: spreadsheetText(row.siret as string | null),
      postcode: spreadsheetText(row.postcode as string | null),
      // Stored in E.164; people dial and read « 06 12 34 56 78 » (with its spaces Excel keeps it as text).
      phone: spreadsheetSafe(formatPhone(row.phone as string | null)),
      headcount: row.headcount_band ? headcountLabel(row.headcount_band as string) : '',
      source: COMPANY_SOURCE_LABELS[row.source as CompanySource],
      next_action: row.next_action_type ? NEXT_ACTION_LABELS[row.next_action_type as NextActionType] : '',
      // French Excel reads dd/mm/yyyy as a date; ISO would stay text.
      next_action_due: row.next_action_due ? (row.next_action_due as string).split('-').reverse().join('/') : '',
      tags: spreadsheetSafe((row.tags as string[]).join(', ')),
      cursor: { name: row.name as string, id: row.id as string },
    }));
  }
}
