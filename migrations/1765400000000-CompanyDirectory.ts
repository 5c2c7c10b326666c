import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the company directory (« Recherche d'entreprises ») says of a company's establishment when
 * it was last refreshed: closed or not, since when, and when it was checked. `company` already has
 * its row-security policy.
 */
export class CompanyDirectory1765400000000 implements MigrationInterface {
  name = 'CompanyDirectory1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE company
        ADD COLUMN establishment_closed boolean NOT NULL DEFAULT false,
        ADD COLUMN establishment_closed_on date NULL,
        ADD COLUMN directory_checked_at timestamptz NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE company
        DROP COLUMN directory_checked_at,
        DROP COLUMN establishment_closed_on,
        DROP COLUMN establishment_closed`);
  }
}
