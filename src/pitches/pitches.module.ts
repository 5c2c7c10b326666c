import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PitchScriptVersion } from './pitch-script-version.entity';
import { PitchScript } from './pitch-script.entity';
import { PitchScriptsController } from './pitch-scripts.controller';
import { PitchScriptsService } from './pitch-scripts.service';

@Module({
  imports: [TypeOrmModule.forFeature([PitchScript, PitchScriptVersion])],
  controllers: [PitchScriptsController],
  providers: [PitchScriptsService],
  exports: [PitchScriptsService],
})
export class PitchesModule {}
