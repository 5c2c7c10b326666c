import { randomUUID } from 'node:crypto';
import { CheckIn } from '../src/checkins/check-in.entity';
import { calendarDayIn } from '../src/common/calendar/working-days';
import { api } from './helpers/api';
import { TestApp } from './helpers/app';
import { BrowserHarness, startBrowserHarness } from './helpers/browser';
import { createStructure, createUser, login } from './helpers/fixtures';
import { waitForMail } from './helpers/mail';

describe('the placement page, in Chromium', () => {
  let t: TestApp;
  let harness: BrowserHarness;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    ({ t } = harness);
  });
  afterAll(() => harness?.close());

  it('opens from the placements list, sends a step now and shows it sent in place, without a reload', async () => {
    const structure = await createStructure(t.dataSource, 'ACI Suivi navigateur');
    const staff = await createUser(t.dataSource, structure, 'staff', 'Karim');
    const a = api(await login(t.app.getHttpServer(), staff.email));
    const email = `salarie-${randomUUID()}@exemple.fr`;
    const companyId = (await a.post('/api/companies', { name: 'Jardins du Lien' }).expect(201)).body.id;
    const candidateId = (await a.post('/api/candidates', { firstName: 'Samira', lastName: 'Benali', email }).expect(201)).body.id;
    const today = calendarDayIn('Europe/Paris', new Date());
    const created = (await a.post('/api/placements', { candidateId, companyId, contractType: 'cdi', jobTitle: 'Maraîchère', startDate: today }).expect(201)).body;
    await a.post(`/api/placements/${created.id}/start`, { version: created.version }).expect(200);
    const step = await t.dataSource.getRepository(CheckIn).findOneByOrFail({ placementId: created.id, party: 'employee', step: '10 days' });

    const { page, errors } = await harness.open(staff, '/placements');
    await page.getByRole('link', { name: 'Maraîchère' }).click();
    await page.waitForURL(`${harness.baseUrl}/placements/${created.id}`);
    await page.getByRole('heading', { name: 'Le suivi, des deux côtés' }).waitFor();
    await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));

    const row = page.locator(`#point-${step.id}`);
    await row.getByText('Prévu', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Envoyer maintenant' }).click();
    await row.getByText('Envoyé', { exact: true }).waitFor();
    await row.getByText(new RegExp(`Envoyé le .+ à ${email.replace(/[.]/g, '\\.')}`)).waitFor();
    expect(await row.getByRole('button', { name: 'Envoyer maintenant' }).count()).toBe(0);
    // In place: the same document, no navigation.
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);
    expect(await waitForMail(email, 1)).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
