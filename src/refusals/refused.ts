import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  GoneException,
  HttpException,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { RefusalDef } from './define';
import { ParamsOf, Refusal, RefusalCode, RefusalOf } from './index';

/** A refusal from its code and, when the code takes some, its parameters. */
export function because<C extends RefusalCode>(def: RefusalDef<C, object>, ...params: keyof ParamsOf<C> extends never ? [] : [ParamsOf<C>]): RefusalOf<C> {
  return { code: def.code, params: (params[0] ?? {}) as ParamsOf<C> };
}

/**
 * What a domain throws when it refuses: the HTTP class pages and clients already know, with the
 * code and parameters of its French sentence, the field it concerns when there is one, and the
 * English message API clients read.
 */
export interface CodedRefusal {
  readonly refusal: Refusal;
  readonly field?: string;
}

export class BadRequestRefusal extends BadRequestException implements CodedRefusal {
  constructor(readonly refusal: Refusal, message: string, readonly field?: string) {
    super(message);
  }
}

export class ForbiddenRefusal extends ForbiddenException implements CodedRefusal {
  constructor(readonly refusal: Refusal, message: string, readonly field?: string) {
    super(message);
  }
}

export class NotFoundRefusal extends NotFoundException implements CodedRefusal {
  constructor(readonly refusal: Refusal, message: string, readonly field?: string) {
    super(message);
  }
}

export class ConflictRefusal extends ConflictException implements CodedRefusal {
  constructor(readonly refusal: Refusal, message: string, readonly field?: string) {
    super(message);
  }
}

export class GoneRefusal extends GoneException implements CodedRefusal {
  constructor(readonly refusal: Refusal, message: string, readonly field?: string) {
    super(message);
  }
}

export class UnprocessableRefusal extends UnprocessableEntityException implements CodedRefusal {
  constructor(readonly refusal: Refusal, message: string, readonly field?: string) {
    super(message);
  }
}

/** Any other status (423 locked, 413, 429) with a code. */
export class StatusRefusal extends HttpException implements CodedRefusal {
  constructor(status: number, readonly refusal: Refusal, message: string, readonly field?: string) {
    super(message, status);
  }
}

export function isCodedRefusal(error: unknown): error is HttpException & CodedRefusal {
  return error instanceof HttpException && typeof (error as Partial<CodedRefusal>).refusal?.code === 'string';
}
