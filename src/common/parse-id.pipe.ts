import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { COMMON } from '../refusals/index';
import { ValidationFailedException } from './validation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path parameter that must be a record id: anything else is a 400 naming the parameter, with its code. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && UUID.test(value)) return value;
    const field = metadata.data ?? 'id';
    throw new ValidationFailedException([{ field, message: `${field} must be a UUID`, code: COMMON.invalidId.code, params: { field } }]);
  }
}
