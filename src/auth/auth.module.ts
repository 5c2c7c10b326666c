import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TenantScopeInterceptor } from '../tenancy/tenant-scope.interceptor';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { redisOptionsFromUrl } from '../common/redis-options';
import { AppConfig } from '../config/env';
import { StructuresModule } from '../structures/structures.module';
import { User } from '../users/user.entity';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LOGIN_ADDRESS_THROTTLER } from './login-throttler.guard';
import { Session } from './session.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, Session]),
    UsersModule,
    StructuresModule,
    // Counters live in Redis so that every API copy shares them.
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        throttlers: [
          { name: 'login', limit: 10, ttl: 60_000 },
          // One address trying many accounts (password spraying): a budget across e-mails, shared by
          // the API and the login page (one key for both), generous enough for an office behind one NAT.
          {
            name: LOGIN_ADDRESS_THROTTLER,
            limit: config.LOGIN_ADDRESS_MAX_ATTEMPTS,
            ttl: 15 * 60_000,
            getTracker: (request: Record<string, any>) => String(request.ip),
            generateKey: (_context, tracker, name) => `${name}:${tracker}`,
          },
        ],
        storage: new ThrottlerStorageRedisService({
          ...redisOptionsFromUrl(config.REDIS_URL),
          keyPrefix: `${config.REDIS_PREFIX}:throttle:`,
          maxRetriesPerRequest: 1,
        }),
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, { provide: APP_GUARD, useClass: AuthGuard }, { provide: APP_INTERCEPTOR, useClass: TenantScopeInterceptor }],
  exports: [AuthService],
})
export class AuthModule {}
