import { refusal, refusalWith } from './define';

/**
 * Refusals any endpoint can answer, before or outside a domain: a generic one per HTTP status (the
 * router's 404, a guard's 403, the body parser's 413...), and the fallback of a field whose DTO
 * names no code of its own.
 */
export const COMMON = {
  badRequest: refusal('common.bad_request'),
  loginRequired: refusal('common.login_required'),
  forbidden: refusal('common.forbidden'),
  notFound: refusal('common.not_found'),
  pageNotFound: refusal('common.page_not_found'),
  conflict: refusal('common.conflict'),
  staleVersion: refusal('common.stale_version'),
  alreadyExists: refusal('common.already_exists'),
  gone: refusal('common.gone'),
  tooLarge: refusal('common.too_large'),
  unsupportedMedia: refusal('common.unsupported_media'),
  unprocessable: refusal('common.unprocessable'),
  locked: refusal('common.locked'),
  tooManyRequests: refusal('common.too_many_requests'),
  unexpected: refusal('common.unexpected'),
  busy: refusal('common.busy'),
  tooSlow: refusal('common.too_slow'),
  invalidId: refusalWith<{ field: string }>()('common.invalid_id'),
  roleRequired: refusalWith<{ role: 'staff' | 'manager' | 'admin' }>()('common.role_required'),
  csrf: refusal('common.csrf'),
} as const;

/** A field refused by validation, when its DTO names no code of its own. */
export const FIELD = {
  invalid: refusalWith<{ field: string }>()('field.invalid'),
  required: refusalWith<{ field: string }>()('field.required'),
  tooLong: refusalWith<{ field: string; max: number }>()('field.too_long'),
  tooMany: refusalWith<{ field: string; max: number }>()('field.too_many'),
  outOfRange: refusalWith<{ field: string; min?: number; max?: number }>()('field.out_of_range'),
  unknown: refusalWith<{ field: string }>()('field.unknown'),
  nulCharacter: refusalWith<{ field: string }>()('field.nul_character'),
  tooDeep: refusalWith<{ field: string }>()('field.too_deep'),
  hiddenCharacters: refusalWith<{ field: string }>()('field.hidden_characters'),
  notADay: refusalWith<{ field: string }>()('field.not_a_day'),
  notAnInstant: refusalWith<{ field: string }>()('field.not_an_instant'),
} as const;
