import { Module } from '@nestjs/common';
import { CheckInProcessor } from '../jobs/check-in.processor';
import { CheckInsModule } from './check-ins.module';

/** The check-in queue's consumer: imported by the worker only, never by the API. */
@Module({
  imports: [CheckInsModule],
  providers: [CheckInProcessor],
})
export class CheckInsWorkerModule {}
