import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { calendarDayIn } from '../src/common/calendar/working-days';
import { api } from './helpers/api';
import { TestApp } from './helpers/app';
import { BrowserHarness, startBrowserHarness } from './helpers/browser';
import { createStructure, createUser, login } from './helpers/fixtures';

const AXE_SOURCE = readFileSync(join(dirname(require.resolve('axe-core')), 'axe.min.js'), 'utf8');

describe('agenda in Chromium', () => {
  let t: TestApp;
  let harness: BrowserHarness;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    ({ t } = harness);
  });
  afterAll(() => harness?.close());

  it('stacks the days on a phone without sideways scrolling, and narrows to one person', async () => {
    t.clock.set(new Date());
    const today = calendarDayIn('Europe/Paris', new Date());
    const structure = await createStructure(t.dataSource, 'ACI Totem');
    const nadia = await createUser(t.dataSource, structure, 'staff', 'Nadia');
    const yann = await createUser(t.dataSource, structure, 'staff', 'Yann');
    const staff = api(await login(t.app.getHttpServer(), nadia.email));
    const bakery = (await staff.post('/api/companies', { name: 'Boulangerie des Quatre-Saisons et Pâtisserie Artisanale Réunies', address: '12 boulevard de la République', postcode: '59000', commune: 'Lille' }).expect(201)).body;
    await staff.put(`/api/companies/${bakery.id}/next-action`, { type: 'meeting', dueOn: today, time: '23:00', ownerId: yann.id }).expect(200);
    await staff
      .post('/api/encounters', { kind: 'job_dating', title: 'Job dating des métiers de bouche et de la logistique du territoire', day: today, startTime: '23:10', endTime: '23:50', place: 'Salle polyvalente Jean-Jaurès, 4 rue des Écoles', companyIds: [bakery.id] })
      .expect(201);

    const { page, errors } = await harness.open(nadia, '/agenda', 390);
    await page.getByRole('link', { name: 'Job dating des métiers de bouche et de la logistique du territoire' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // One column: every day starts at the same left edge.
    const lefts = await page.locator('.agenda-day').evaluateAll((days) => days.map((day) => Math.round(day.getBoundingClientRect().left)));
    expect(lefts).toHaveLength(7);
    expect(new Set(lefts).size).toBe(1);
    await page.evaluate(AXE_SOURCE);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Array<{ id: string }> }> } }).axe;
      return (await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })).violations.map((violation) => violation.id);
    });
    expect(violations).toEqual([]);

    await page.getByLabel('Personne', { exact: true }).selectOption({ label: 'Yann staff' });
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.getByText('pour Yann staff').waitFor();
    expect(await page.getByRole('link', { name: 'Boulangerie des Quatre-Saisons et Pâtisserie Artisanale Réunies' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Job dating des métiers de bouche et de la logistique du territoire' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
