import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An erased contact's address now stays on the suppression list as `hmac:<hex>`, an HMAC-SHA256
 * under SUPPRESSION_HASH_SECRET computed by the application, instead of a plain SHA-256 anyone can
 * recompute from a guessed address. PostgreSQL does not know the secret, so the trigger that opted
 * out a contact (re)entered with an erased address goes: the application does it wherever it
 * writes a contact's address (ContactsService, the CSV import), and the senders check the list at
 * sending time whoever wrote the row. Existing `sha256:` rows cannot be converted (the address is
 * unknown): they stay, and every look-up still matches them.
 */
export class KeyedSuppressionHash1764800100000 implements MigrationInterface {
  name = 'KeyedSuppressionHash1764800100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER contact_erased_address ON contact`);
    await queryRunner.query(`DROP FUNCTION contact_erased_address_guard()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Back to the plain hash: keyed rows match nothing the trigger computes, as before this change.
    await queryRunner.query(`
      CREATE FUNCTION contact_erased_address_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.email IS NOT NULL AND NOT NEW.email_opt_out AND EXISTS (
          SELECT 1 FROM email_suppression
           WHERE structure_id = NEW.structure_id
             AND email = 'sha256:' || encode(sha256(convert_to(lower(btrim(NEW.email)), 'UTF8')), 'hex')) THEN
          NEW.email_opt_out := true;
          NEW.email_opt_out_at := coalesce(NEW.email_opt_out_at, now());
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER contact_erased_address BEFORE INSERT OR UPDATE ON contact FOR EACH ROW EXECUTE FUNCTION contact_erased_address_guard()`,
    );
  }
}
