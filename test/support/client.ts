import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

type FormData = Record<string, string | string[]>;

/** Reads the CSRF token from the first form on a page. */
export function csrfFrom(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (token === undefined) throw new Error('no CSRF token on this page');
  return token;
}

/**
 * A browser-like client over app.inject: keeps cookies, fetches the form page to read its CSRF token,
 * and posts urlencoded forms. Forms post to the URL of the page that shows them, unless `from` says otherwise.
 */
export class TestClient {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly app: FastifyInstance,
    readonly headers: Record<string, string> = {},
    /** The client's address as the app sees it (request.ip); light-my-request's default is 127.0.0.1. */
    readonly remoteAddress?: string,
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(response: LightMyRequestResponse): void {
    for (const c of response.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method: 'GET',
      url,
      remoteAddress: this.remoteAddress,
      headers: { ...this.headers, cookie: this.cookieHeader(), ...headers },
    });
    this.remember(response);
    return response;
  }

  /** Posts a form with the CSRF token of the page at `from` (default: the same URL). */
  async post(url: string, form: FormData = {}, options: { from?: string; csrf?: string | false } = {}): Promise<LightMyRequestResponse> {
    let token = options.csrf;
    if (token === undefined) {
      const page = await this.get(options.from ?? url);
      token = csrfFrom(page.body);
    }
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    if (token) body.append('_csrf', token);
    const response = await this.app.inject({
      method: 'POST',
      url,
      remoteAddress: this.remoteAddress,
      headers: { ...this.headers, cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    this.remember(response);
    return response;
  }

  /** Sends any request with this client's cookies (for JSON APIs and multipart bodies). */
  async request(options: {
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    url: string;
    headers?: Record<string, string>;
    payload?: string | Buffer | object;
  }) {
    const response = await this.app.inject({
      method: options.method,
      url: options.url,
      remoteAddress: this.remoteAddress,
      headers: { ...this.headers, cookie: this.cookieHeader(), ...options.headers },
      payload: options.payload,
    });
    this.remember(response);
    return response;
  }
}
