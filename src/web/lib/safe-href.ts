import { isHttpUrl } from '../../domain/urls';

/**
 * The link target for a URL that came from data (a website someone entered or imported), or undefined when it is
 * not an http(s) URL: a stored `javascript:` or `data:` link must never become clickable, whatever let it in.
 */
export function safeHref(url: string | null | undefined): string | undefined {
  return isHttpUrl(url) ? url : undefined;
}
