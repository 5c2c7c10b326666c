import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Placement } from './placement.entity';

/** Placements: contracts and PMSMP immersions. */
@Module({
  imports: [TypeOrmModule.forFeature([Placement])],
})
export class PlacementsModule {}
