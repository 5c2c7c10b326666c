import { Module } from '@nestjs/common';

/** Staff reminders: the daily digest and the reminder before each meeting. */
@Module({})
export class RemindersModule {}
