import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/env';
import { COMPANY_DIRECTORY, CompanyDirectory } from './company-directory';
import { DisabledCompanyDirectory, RechercheEntreprisesDirectory } from './recherche-entreprises.adapter';

/** Whether the look-up is on: COMPANY_DIRECTORY_URL names the directory (or the local recorded server). */
export class CompanyDirectorySettings {
  constructor(
    readonly enabled: boolean,
    readonly url: string | undefined,
  ) {}

  static of(config: AppConfig): CompanyDirectorySettings {
    return new CompanyDirectorySettings(config.COMPANY_DIRECTORY_URL !== undefined, config.COMPANY_DIRECTORY_URL);
  }
}

export function companyDirectoryFor(settings: CompanyDirectorySettings): CompanyDirectory {
  return settings.url === undefined ? new DisabledCompanyDirectory() : new RechercheEntreprisesDirectory({ url: settings.url });
}

/** The directory port alone (`@Inject(COMPANY_DIRECTORY)`) and its settings: no database. */
@Module({
  providers: [
    { provide: CompanyDirectorySettings, inject: [AppConfig], useFactory: (config: AppConfig) => CompanyDirectorySettings.of(config) },
    {
      provide: COMPANY_DIRECTORY,
      inject: [CompanyDirectorySettings],
      useFactory: (settings: CompanyDirectorySettings): CompanyDirectory => companyDirectoryFor(settings),
    },
  ],
  exports: [CompanyDirectorySettings, COMPANY_DIRECTORY],
})
export class CompanyDirectoryModule {}
