export class HttpError extends Error {
  constructor(
    public status: number,
    message: string,
    public details?: unknown,
  ) {
    super(message);
  }
}

export const forbidden = (msg = '无权执行此操作') => new HttpError(403, msg);
export const notFound = (msg = '记录不存在') => new HttpError(404, msg);
export const badRequest = (msg: string, details?: unknown) => new HttpError(400, msg, details);
