import { ArgumentMetadata } from '@nestjs/common';
import { MAX_INPUT_DEPTH, RejectNulCharacterPipe, ValidationFailedException } from './validation';

const body: ArgumentMetadata = { type: 'body' };

function problems(value: unknown, metadata = body) {
  try {
    new RejectNulCharacterPipe().transform(value, metadata);
    return [];
  } catch (error) {
    if (!(error instanceof ValidationFailedException)) throw error;
    return error.problems;
  }
}

describe('RejectNulCharacterPipe', () => {
  it('names every field holding a NUL character, in the input’s order', () => {
    expect(problems({ name: 'A\u0000B', tags: ['ok', 'x\u0000'], deep: { note: '\u0000' } })).toEqual([
      { field: 'name', message: 'name must not contain the NUL character', code: 'field.nul_character', params: { field: 'name' } },
      { field: 'tags[1]', message: 'tags[1] must not contain the NUL character', code: 'field.nul_character', params: { field: 'tags[1]' } },
      { field: 'deep.note', message: 'deep.note must not contain the NUL character', code: 'field.nul_character', params: { field: 'deep.note' } },
    ]);
    expect(problems('a\u0000', { type: 'param', data: 'id' })).toEqual([{ field: 'id', message: 'id must not contain the NUL character', code: 'field.nul_character', params: { field: 'id' } }]);
  });

  it('refuses nesting deeper than MAX_INPUT_DEPTH without overflowing the stack, and lets ordinary depth through', () => {
    let deep: unknown = 'leaf';
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    expect(problems({ deep })).toEqual([
      { field: expect.stringMatching(/^deep(\[0\])+$/), message: expect.stringContaining('nested too deeply'), code: 'field.too_deep', params: { field: expect.stringMatching(/^deep/) } },
    ]);
    let fine: unknown = 'leaf';
    for (let level = 0; level < MAX_INPUT_DEPTH - 2; level += 1) fine = { next: fine };
    expect(problems({ fine })).toEqual([]);
  });
});
