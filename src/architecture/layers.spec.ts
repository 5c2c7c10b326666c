import { describeUpward, importsUnder, relativeImportsOf, SRC_DIR, upwardImports } from './import-graph';

// The layers, bottom up: refusals/ and config/ (the floor), common/, tenancy/, the domains, web/,
// and the bootstrap that wires them. An import may only point down (or sideways between domains).
describe('import layers', () => {
  it('finds no upward import in src/', () => {
    const imports = importsUnder(SRC_DIR);
    expect(imports.length).toBeGreaterThan(1000);
    expect(upwardImports(imports).map(describeUpward)).toEqual([]);
  });

  describe('on fixture files', () => {
    const upward = (file: string, text: string) => upwardImports(relativeImportsOf(file, text)).map(describeUpward);

    it.each([
      ['common/x.ts', "import { registerViewHelpers } from '../web/view-helpers';", '../web/view-helpers'],
      ['common/calendar/x.ts', "import { Company } from '../../companies/company.entity';", '../../companies/company.entity'],
      ['common/x.ts', "export { QueueModule } from '../jobs/queue.module';", '../jobs/queue.module'],
      ['common/x.ts', "const board = import('../jobs/queue-board');", '../jobs/queue-board'],
      ['tenancy/x.ts', "import {\n  Placement,\n} from '../placements/placement.entity';", '../placements/placement.entity'],
      ['tenancy/x.ts', "import '../jobs/queues';", '../jobs/queues'],
      ['refusals/x.ts', "import { Clock } from '../common/clock';", '../common/clock'],
      ['companies/x.ts', "import { page } from '../web/kit/page';", '../web/kit/page'],
      ['jobs/x.ts', "import { WebModule } from '../web/web.module';", '../web/web.module'],
    ])('%s importing %j is upward', (file, text, specifier) => {
      expect(upward(file, text)).toEqual([expect.stringContaining(`src/${file} imports '${specifier}'`)]);
    });

    it.each([
      ['common/x.ts', "import { Injectable } from '@nestjs/common';\nimport { join } from 'node:path';"],
      ['common/calendar/x.ts', "import { Clock } from '../clock';\nimport { AppConfig } from '../../config/env';"],
      ['common/x.ts', "import { COMMON } from '../refusals/index';"],
      ['tenancy/x.ts', "import { because } from '../refusals/refused';\nimport { Clock } from '../common/clock';"],
      ['companies/x.ts', "import { Contact } from '../contacts/contact.entity';\nimport { Clock } from '../common/clock';"],
      ['web/companies/x.ts', "import { CompaniesService } from '../../companies/companies.service';"],
      ['app/configure-app.ts', "import { registerViewHelpers } from '../web/view-helpers';"],
      ['main.ts', "import { configureApp } from './app/configure-app';"],
    ])('%s importing %j is fine', (file, text) => {
      expect(upward(file, text)).toEqual([]);
    });
  });
});
