import { Raw, text } from './forms';

/**
 * Flash messages, post/redirect/get: after a successful post a page redirects (303) to where the
 * result shows, with `?ok=<key>` (and an anchor); that page reads the key back into its French
 * sentence. The keys are typed, so a redirect can only name a sentence the page has, and only a
 * page's own keys are read (`?ok=constructor` shows nothing).
 */
export class Flash<K extends string> {
  constructor(private readonly sentences: { readonly [key in K]: string }) {}

  /** The sentence that `?ok=` of a query names, if it is one of this page's. */
  read(query: Raw | string | undefined): string | undefined {
    const key = typeof query === 'string' ? query : text(query?.ok);
    return Object.prototype.hasOwnProperty.call(this.sentences, key) ? this.sentences[key as K] : undefined;
  }

  /** The address to redirect to after a post: `path?ok=key#anchor` (`path` may carry a query already). */
  to(path: string, key: K, anchor?: string): string {
    return `${path}${path.includes('?') ? '&' : '?'}ok=${encodeURIComponent(key)}${anchor ? `#${anchor}` : ''}`;
  }
}

/** The keys of a page's flash messages (`FlashKey<typeof NOTICES>`). */
export type FlashKey<F> = F extends Flash<infer K> ? K : never;
