import { ApiProperty } from '@nestjs/swagger';
import { ScriptKind, ScriptSections, ScriptTargeting } from '../pitch-script.entity';

export class VersionView {
  @ApiProperty() id!: string;
  @ApiProperty() number!: number;
  @ApiProperty() title!: string;
  @ApiProperty() kind!: ScriptKind;
  @ApiProperty() targeting!: ScriptTargeting;
  @ApiProperty() sections!: ScriptSections;
  @ApiProperty({ nullable: true, type: String }) changeNote!: string | null;
  @ApiProperty({ nullable: true, type: String }) authorName!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: [String], description: 'What this version changed from the previous one' })
  changes!: string[];
}

export class ScriptView {
  @ApiProperty() id!: string;
  @ApiProperty() kind!: ScriptKind;
  @ApiProperty() title!: string;
  @ApiProperty() currentVersion!: number;
  @ApiProperty() archived!: boolean;
  @ApiProperty() targeting!: ScriptTargeting;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class ScriptDetailView extends ScriptView {
  @ApiProperty({ type: VersionView }) current!: VersionView;
  @ApiProperty({ type: [VersionView], description: 'Every version, newest first' }) history!: VersionView[];
}

export class RenderedScriptView {
  @ApiProperty() scriptId!: string;
  @ApiProperty() versionId!: string;
  @ApiProperty() number!: number;
  @ApiProperty() title!: string;
  @ApiProperty() kind!: ScriptKind;
  @ApiProperty({ description: 'Each section as escaped HTML text' }) sections!: ScriptSections;
}

export class FittingScriptsView {
  @ApiProperty({ description: 'The kind that fits the company’s stage' }) suggestedKind!: ScriptKind;
  @ApiProperty({ type: [ScriptView], description: 'Scripts that fit, the best first' }) scripts!: ScriptView[];
}

/** A proportion with its sample: a small sample must look small. */
export class Rate {
  @ApiProperty() count!: number;
  @ApiProperty() total!: number;
  @ApiProperty({ nullable: true, type: Number }) rate!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '95% Wilson interval, low end' }) low!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '95% Wilson interval, high end' }) high!: number | null;
}

export class VersionConversion {
  @ApiProperty() versionId!: string;
  @ApiProperty({ description: 'The first version number counted here' }) number!: number;
  @ApiProperty({
    type: [Number],
    description: 'Every version number counted here: a version saved identical to its predecessor counts with it',
  })
  numbers!: number[];
  @ApiProperty({ description: 'Activities logged with this version' }) uses!: number;
  @ApiProperty({ description: 'Uses where someone answered (every use but "no answer")' }) reached!: number;
  @ApiProperty() outcomes!: Record<string, number>;
  @ApiProperty({ type: Rate, description: 'First call: meetings booked among calls answered' }) meetingBooked!: Rate;
  @ApiProperty({ type: Rate, description: 'First meeting: needs found among meetings held' }) needFound!: Rate;
}

export class StaffConversion extends VersionConversion {
  @ApiProperty() authorId!: string;
  @ApiProperty() authorName!: string;
}

export class ObjectionCount {
  @ApiProperty() key!: string;
  @ApiProperty() objection!: string;
  @ApiProperty() count!: number;
}

export class ConversionView {
  @ApiProperty() scriptId!: string;
  @ApiProperty() kind!: ScriptKind;
  @ApiProperty({ type: [VersionConversion], description: 'Each version, oldest first, side by side' }) versions!: VersionConversion[];
  @ApiProperty({ type: [StaffConversion] }) byStaff!: StaffConversion[];
  @ApiProperty({ type: [ObjectionCount], description: 'Objections met, the most frequent first' }) objections!: ObjectionCount[];
}
