import { CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * The rule of src/common/phone.ts as it stood when this ran, copied so that the migration does not
 * change when the rule does: French formats (DOM included) and foreign numbers in international form.
 */
const FRENCH_NUMBERING: CountryCode[] = ['FR', 'RE', 'YT', 'GP', 'MQ', 'GF', 'PM', 'BL', 'MF'];

function e164(typed: string): string | null {
  const text = typed.trim();
  if (!/^\+?[0-9 .()\-/\u00a0\u202f]+$/.test(text)) return null;
  const international = text.startsWith('+') || text.startsWith('00');
  for (const country of international ? (['FR'] as CountryCode[]) : FRENCH_NUMBERING) {
    const number = parsePhoneNumberFromString(text, country);
    if (number?.isValid()) return number.getType() === 'PREMIUM_RATE' ? null : number.number;
  }
  return null;
}

const TABLES = ['candidate', 'contact', 'company'] as const;
const BATCH = 5000;

/**
 * Phone numbers of candidates, contacts and companies are stored in E.164 (+33612345678) from now on:
 * the valid ones typed before are converted. The others stay as typed; a number that does not start
 * with + is one nobody checked, and pages mark it « à vérifier ». Records keep their version: nobody
 * changed them.
 */
export class PhonesInE1641765300100000 implements MigrationInterface {
  name = 'PhonesInE1641765300100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Every structure's rows (row-level security), for this transaction only.
    await queryRunner.query(`SELECT set_config('app.system_scope', 'on', true)`);
    for (const table of TABLES) {
      const rows: Array<{ id: string; phone: string }> = await queryRunner.query(
        `SELECT id, phone FROM ${table} WHERE phone IS NOT NULL AND phone !~ '^\\+[1-9][0-9]{5,14}$'`,
      );
      const changed = rows.flatMap((row) => {
        const converted = e164(row.phone);
        return converted ? [{ id: row.id, phone: converted }] : [];
      });
      for (let start = 0; start < changed.length; start += BATCH) {
        const batch = changed.slice(start, start + BATCH);
        await queryRunner.query(
          `UPDATE ${table} t SET phone = v.phone FROM unnest($1::uuid[], $2::text[]) AS v(id, phone) WHERE t.id = v.id`,
          [batch.map((row) => row.id), batch.map((row) => row.phone)],
        );
      }
    }
    await queryRunner.query(`SELECT set_config('app.system_scope', '', true)`);
  }

  /** Numbers stay in E.164: they are valid in every format, and what each one looked like is not kept. */
  public async down(): Promise<void> {}
}
