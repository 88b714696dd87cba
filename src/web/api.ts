/**
 * A small typed client for the Luoshi REST API. Errors come back as `{error, status}` with a
 * Chinese message; they are thrown as ApiError. Every non-GET request carries the session's
 * CSRF token. A 401 sends the user to the login page, a 403 with `mustChangePassword` to the
 * change-password page (the app installs both handlers).
 */
export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly details: FieldError[] = [],
    readonly mustChangePassword = false,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

let csrfToken = '';
const handlers = { unauthorized: () => {}, mustChangePassword: () => {} };

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export function setAuthHandlers(h: { unauthorized: () => void; mustChangePassword: () => void }): void {
  Object.assign(handlers, h);
}

export function qs(query?: Query): string {
  if (!query) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Turn an error body (or its absence) into an ApiError, and notify the app for 401/403. */
function toError(path: string, status: number, body: unknown): ApiError {
  const b = (body && typeof body === 'object' ? body : {}) as { error?: string; details?: FieldError[]; issues?: FieldError[]; mustChangePassword?: boolean };
  const fallback =
    status === 0
      ? '网络连接失败，请检查网络后重试'
      : status === 404
        ? '请求的内容不存在'
        : status === 413
          ? '文件太大，无法上传'
          : status >= 500
            ? '服务器暂时不可用，请稍后再试'
            : `请求失败（${status}）`;
  const err = new ApiError(b.error || fallback, status, b.details ?? b.issues ?? [], Boolean(b.mustChangePassword));
  if (status === 401 && path !== '/api/auth/login') handlers.unauthorized();
  if (status === 403 && err.mustChangePassword) handlers.mustChangePassword();
  return err;
}

export async function request<T>(method: string, path: string, opts: { query?: Query; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path + qs(opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw toError(path, 0, null);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) throw toError(path, res.status, body);
  return body as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, { body: body ?? {}, query }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  del: <T>(path: string, body?: unknown) => request<T>('DELETE', path, { body }),
};

/**
 * Multipart upload through XMLHttpRequest, for the progress events fetch does not give.
 * `onProgress` receives 0..100 for the upload; the server's processing time comes after 100.
 */
export function upload<T>(path: string, files: File[], opts: { query?: Query; onProgress?: (percent: number) => void; signal?: AbortSignal } = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path + qs(opts.query));
    xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(toError(path, xhr.status, body));
    };
    xhr.onerror = () => reject(toError(path, 0, null));
    opts.signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    for (const f of files) form.append('file', f, f.name);
    xhr.send(form);
  });
}

/** A URL for a plain GET download (the session cookie authenticates it). */
export function downloadUrl(path: string, query?: Query): string {
  return path + qs(query);
}

/**
 * Downloads a file through fetch, so a refusal (e.g. no LibreOffice for a PDF) arrives as an
 * ApiError with the server's Chinese message instead of a JSON page in a new tab.
 */
export async function downloadFile(path: string, query?: Query): Promise<void> {
  let res: Response;
  try {
    res = await fetch(path + qs(query), { credentials: 'same-origin' });
  } catch {
    throw toError(path, 0, null);
  }
  if (!res.ok) {
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    throw toError(path, res.status, body);
  }
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd)?.[1];
  const name = star ? decodeURIComponent(star) : (/filename="([^"]+)"/.exec(cd)?.[1] ?? 'download');
  saveBlob(await res.blob(), name);
}

/** Hands a blob to the browser as a download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The Chinese message of any error, for message.error() and Result pages. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error && e.message) return e.message;
  return '操作失败，请稍后再试';
}
