import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { trimString } from '../../common/transforms';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsNotCommonPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../auth/password';
import { ROLES, Role } from '../../tenancy/actor';
import { User } from '../user.entity';
import { IsName } from '../../common/names';

export class CreateUserDto {
  @ApiProperty({ example: 'lea.martin@exemple.fr' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Léa' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty({ message: 'firstName is required' })
  @MaxLength(100)
  @IsName('firstName')
  firstName!: string;

  @ApiProperty({ example: 'Martin' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty({ message: 'lastName is required' })
  @MaxLength(100)
  @IsName('lastName')
  lastName!: string;

  @ApiPropertyOptional({ example: '06 12 34 56 78' })
  @IsOptional()
  @Matches(/^\+?[0-9 .()-]{6,20}$/, { message: 'phone must be a phone number' })
  phone?: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role!: Role;

  @ApiProperty({ description: 'Initial password, given to the person by the admin', minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, {
    message: `password must be at least ${PASSWORD_MIN_LENGTH} characters long`,
  })
  @MaxLength(PASSWORD_MAX_LENGTH)
  @IsNotCommonPassword('password')
  password!: string;
}

export class UpdateUserDto extends PartialType(
  PickType(CreateUserDto, ['firstName', 'lastName', 'phone', 'role'] as const),
) {
  @ApiPropertyOptional({ description: 'false deactivates the account and ends its sessions' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** What the API shows of a user: never the hash nor the lockout counters. */
export class UserView {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() firstName!: string;
  @ApiProperty() lastName!: string;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty() active!: boolean;
  @ApiProperty({ nullable: true, type: Date }) lastLoginAt!: Date | null;
  @ApiProperty() createdAt!: Date;

  static of(user: User): UserView {
    const { id, email, firstName, lastName, phone, role, active, lastLoginAt, createdAt } = user;
    return { id, email, firstName, lastName, phone, role, active, lastLoginAt, createdAt };
  }
}
