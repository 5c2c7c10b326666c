import { RecentAnswers, RequestPacer } from './request-pacer';

describe('pacing and caching directory calls', () => {
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

  it('keeps answers for their time, and the newest ones when full', () => {
    let now = 0;
    const cache = new RecentAnswers<string>(100, 2, () => now);
    cache.set('a', 'A');
    cache.set('b', 'B');
    cache.set('c', 'C');
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 'B', 'C']);
    now = 100;
    expect(cache.get('b')).toBeUndefined();
  });
});
