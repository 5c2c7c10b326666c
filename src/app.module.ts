import { Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { CoreModule } from './common/core.module';
import { HealthModule } from './health/health.module';
import { StructuresModule } from './structures/structures.module';
import { UsersModule } from './users/users.module';
import { WebModule } from './web/web.module';

/** The HTTP API and pages. */
@Module({
  imports: [CoreModule, AuthModule, StructuresModule, UsersModule, HealthModule, WebModule],
})
export class AppModule {}
