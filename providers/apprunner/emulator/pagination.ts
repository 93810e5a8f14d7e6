// NextToken/MaxResults paging shared by the nine paginated operations.
import { fail } from './errors.js';

/** One page of results and the token for the next, if more remain. */
export interface Page<T> {
  readonly items: T[];
  readonly nextToken?: string;
}

/** Tokens encode an offset; they are opaque to clients and checked on the way back in. */
function encode(offset: number): string {
  return Buffer.from(`offset:${offset}`, 'utf8').toString('base64url');
}

function decode(token: string): number {
  const m = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!m) throw fail.invalid('The NextToken is not valid.');
  return Number(m[1]);
}

/** Slices `all`; without MaxResults every remaining item is returned in one page. */
export function paginate<T>(all: readonly T[], maxResults: unknown, nextToken: unknown): Page<T> {
  const start = typeof nextToken === 'string' ? decode(nextToken) : 0;
  const size = typeof maxResults === 'number' ? maxResults : all.length - start;
  const end = Math.min(all.length, start + Math.max(size, 0));
  const items = all.slice(start, end);
  return end < all.length ? { items, nextToken: encode(end) } : { items };
}
