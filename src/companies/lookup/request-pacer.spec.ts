import { RequestPacer } from './request-pacer';

describe('pacing directory calls', () => {
  it('spaces calls at the rate asked and refuses one whose turn is too far', async () => {
    let now = 0;
    const pacer = new RequestPacer(1000, 2, () => now); // one call a millisecond, 2 ms of queue at most
    expect(await pacer.turn()).toBe(0);
    expect(await pacer.turn()).toBe(1);
    expect(await pacer.turn()).toBe(2);
    expect(await pacer.turn()).toBe(false);
    now = 10;
    expect(await pacer.turn()).toBe(0);
  });

});
