import { MigrationInterface, QueryRunner } from 'typeorm';

/** A check-in goes by e-mail or, to people who read texts rather than e-mails, by SMS. */
export class CheckInChannel1765300200000 implements MigrationInterface {
  name = 'CheckInChannel1765300200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE check_in ADD COLUMN channel text CHECK (channel IN ('email', 'sms'))`);
    await queryRunner.query(`UPDATE check_in SET channel = 'email' WHERE status IN ('sent', 'answered') AND sent_at IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE check_in DROP COLUMN channel`);
  }
}
