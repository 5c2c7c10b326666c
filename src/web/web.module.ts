import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { StructuresModule } from '../structures/structures.module';
import { UsersModule } from '../users/users.module';
import { WebController } from './web.controller';

@Module({
  imports: [AuthModule, UsersModule, StructuresModule],
  controllers: [WebController],
})
export class WebModule {}
